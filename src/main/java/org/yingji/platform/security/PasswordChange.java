package org.yingji.platform.security;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.user.UserAccount;
import org.yingji.platform.user.UserAccounts;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.ProblemException;

/** A user changing their own password: the current one must be right, the new one must pass the policy. */
@Service
class PasswordChange {

    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final AuditLog audit;

    PasswordChange(UserAccounts accounts, PasswordEncoder encoder, AuditLog audit) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.audit = audit;
    }

    @Transactional
    void change(CurrentUser user, String currentPassword, String newPassword) {
        UserAccount account = accounts.findById(user.id()).orElseThrow(() -> new ProblemException.NotFound("用户", user.id()));
        if (!encoder.matches(currentPassword, account.passwordHash())) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "validation.failed", "请求参数不合法", "当前密码不正确",
                    List.of(new FieldProblem("currentPassword", "password.wrong", "当前密码不正确")));
        }
        PasswordPolicy.check("newPassword", newPassword, account.username());
        if (encoder.matches(newPassword, account.passwordHash())) {
            throw new ProblemException.InvalidField("newPassword", "password.unchanged", "新密码不能与当前密码相同");
        }
        accounts.setPassword(account.id(), encoder.encode(newPassword), false);
        audit.record("user.password-change", "user", account.id(), null, null);
    }
}
