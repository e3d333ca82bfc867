package org.yingji.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.yingji.platform.time.BeijingTime;
import org.springframework.transaction.support.TransactionTemplate;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.user.UserAccount;
import org.yingji.platform.user.UserAccounts;
import org.yingji.platform.web.ProblemException;

/**
 * Checks a username and password, counting failures: after {@code lockAfterFailures} wrong passwords in a row
 * the account is locked for {@code lockDuration}. Failures are committed before the error is thrown, so the
 * count survives the failed request.
 */
@Service
class SignIn {

    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final SecuritySettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String dummyHash;

    SignIn(UserAccounts accounts, PasswordEncoder encoder, AuditLog audit, SecuritySettings settings,
           TransactionTemplate transaction, Clock clock) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.audit = audit;
        this.settings = settings;
        this.transaction = transaction;
        this.clock = clock;
        this.dummyHash = encoder.encode("timing-equaliser-" + PasswordPolicy.generate());
    }

    CurrentUser authenticate(String username, String password) {
        Instant now = clock.instant();
        UserAccount account = accounts.findByUsername(username == null ? "" : username.strip()).orElse(null);
        if (account == null) {
            encoder.matches(password, dummyHash); // same time as a real check: do not reveal which usernames exist
            throw badCredentials();
        }
        if (account.lockedAt(now)) {
            throw locked(account.lockedUntil());
        }
        if (!encoder.matches(password, account.passwordHash())) {
            throw recordFailure(account, now);
        }
        if (!account.enabled()) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "auth.disabled", "账户已停用",
                    "该账户已被停用，请联系管理员", List.of());
        }
        transaction.executeWithoutResult(status -> {
            accounts.recordLogin(account.id(), now);
            audit.recordAs(account.username(), account.regionCode(), "auth.login", "user", account.id(), null, null);
        });
        return Sessions.currentUserOf(account, null);
    }

    private ProblemException recordFailure(UserAccount account, Instant now) {
        int failures = account.failedAttempts() + 1;
        boolean lock = failures >= settings.lockAfterFailures();
        Instant lockedUntil = lock ? now.plus(settings.lockDuration()) : null;
        transaction.executeWithoutResult(status -> {
            accounts.recordFailure(account.id(), lock ? 0 : failures, lockedUntil);
            audit.recordAs(account.username(), account.regionCode(), lock ? "auth.locked" : "auth.login-failed",
                    "user", account.id(), null, Map.of("failedAttempts", failures));
        });
        if (lock) {
            return locked(lockedUntil);
        }
        int left = settings.lockAfterFailures() - failures;
        return new ProblemException(HttpStatus.UNAUTHORIZED, "auth.bad-credentials", "用户名或密码错误",
                "用户名或密码错误，再错 " + left + " 次账户将被锁定 " + settings.lockDuration().toMinutes() + " 分钟",
                List.of());
    }

    private static ProblemException badCredentials() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "auth.bad-credentials", "用户名或密码错误",
                "用户名或密码错误", List.of());
    }

    private static ProblemException locked(Instant until) {
        return new ProblemException(HttpStatus.LOCKED, "auth.locked", "账户已锁定",
                "密码错误次数过多，账户锁定至 " + BeijingTime.minutes(until) + "（北京时间）", List.of());
    }
}
