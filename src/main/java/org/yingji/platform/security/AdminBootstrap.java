package org.yingji.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.user.Role;
import org.yingji.platform.user.UserAccounts;

/**
 * At first start (no users yet) creates the city administrator with a generated password, printed once and
 * to be changed at first sign-in. Every start prints where the platform listens.
 */
@Component
@Order(30)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    static final String ADMIN = "admin";

    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Environment environment;
    private final String configuredPassword;

    AdminBootstrap(UserAccounts accounts, PasswordEncoder encoder, AuditLog audit, TransactionTemplate transaction,
                   Environment environment, @Value("${yingji.bootstrap.admin-password:}") String configuredPassword) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.audit = audit;
        this.transaction = transaction;
        this.environment = environment;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        String url = "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080")) + "/";
        String password = null;
        if (accounts.count() == 0) {
            password = StringUtils.hasText(configuredPassword) ? configuredPassword : PasswordPolicy.generate();
            String hash = encoder.encode(password);
            transaction.executeWithoutResult(status -> {
                long id = accounts.insert(ADMIN, "系统管理员", null, Role.ADMIN, CurrentUser.CITY, null, hash);
                audit.record("user.create", "user", id, null, java.util.Map.of("username", ADMIN, "role", "ADMIN"));
            });
        }
        StringBuilder banner = new StringBuilder()
                .append("\n==============================================================\n")
                .append("  Yingji 应急管理综合平台 is running: ").append(url).append('\n');
        if (password != null) {
            banner.append("  First sign-in (shown only this once): ").append(ADMIN).append(" / ").append(password)
                    .append('\n').append("  You will be asked to change this password at first sign-in.\n");
        }
        banner.append("==============================================================");
        // The console, not only the log: the first password must reach the person who started the platform.
        System.out.println(banner);
        log.info("Platform ready at {}", url);
    }
}
