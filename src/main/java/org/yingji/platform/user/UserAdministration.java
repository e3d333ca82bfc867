package org.yingji.platform.user;

import java.time.Clock;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.region.Regions;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.security.PasswordPolicy;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import org.yingji.platform.web.ProblemException;

/**
 * An administrator managing the accounts of their region subtree: an account outside it is answered as
 * not found, and nobody can place an account outside their own subtree.
 */
@Service
public class UserAdministration {

    private final UserAccounts accounts;
    private final Departments departments;
    private final Regions regions;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;

    UserAdministration(UserAccounts accounts, Departments departments, Regions regions, PasswordEncoder encoder,
                       AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.departments = departments;
        this.regions = regions;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
    }

    record UserFields(String displayName, String phone, Role role, String regionCode, Long departmentId) {
    }

    record CreatedUser(UserView user, String initialPassword) {
    }

    record TemporaryPassword(String temporaryPassword) {
    }

    PageView<UserView> search(CurrentUser admin, String text, Role role, String regionCode, PageRequest page) {
        return accounts.search(admin.scope(), text, role, regionCode, page).map(this::view);
    }

    UserView get(CurrentUser admin, long id) {
        return view(visible(admin, id));
    }

    @Transactional
    CreatedUser create(CurrentUser admin, String username, UserFields fields) {
        checkFields(admin, fields);
        if (accounts.findByUsername(username).isPresent()) {
            throw new ProblemException.Conflict("conflict.username-taken", "用户名 " + username + " 已被使用");
        }
        String password = PasswordPolicy.generate();
        long id = accounts.insert(username, fields.displayName(), fields.phone(), fields.role(), fields.regionCode(),
                fields.departmentId(), encoder.encode(password));
        UserView created = view(accounts.findById(id).orElseThrow());
        audit.record("user.create", "user", id, null, created);
        return new CreatedUser(created, password);
    }

    @Transactional
    UserView update(CurrentUser admin, long id, UserFields fields) {
        UserView before = view(visible(admin, id));
        checkFields(admin, fields);
        if (id == admin.id() && fields.role() != Role.ADMIN) {
            throw new ProblemException.Conflict("conflict.self-demotion", "不能取消自己的管理员角色");
        }
        accounts.update(id, fields.displayName(), fields.phone(), fields.role(), fields.regionCode(),
                fields.departmentId());
        UserView after = view(accounts.findById(id).orElseThrow());
        audit.record("user.update", "user", id, before, after);
        return after;
    }

    @Transactional
    UserView setEnabled(CurrentUser admin, long id, boolean enabled) {
        UserView before = view(visible(admin, id));
        if (id == admin.id() && !enabled) {
            throw new ProblemException.Conflict("conflict.self-disable", "不能停用自己的账户");
        }
        accounts.setEnabled(id, enabled);
        UserView after = view(accounts.findById(id).orElseThrow());
        audit.record(enabled ? "user.enable" : "user.disable", "user", id, before, after);
        return after;
    }

    @Transactional
    UserView unlock(CurrentUser admin, long id) {
        UserView before = view(visible(admin, id));
        accounts.recordFailure(id, 0, null);
        UserView after = view(accounts.findById(id).orElseThrow());
        audit.record("user.unlock", "user", id, before, after);
        return after;
    }

    @Transactional
    TemporaryPassword resetPassword(CurrentUser admin, long id) {
        visible(admin, id);
        String password = PasswordPolicy.generate();
        accounts.setPassword(id, encoder.encode(password), true);
        audit.record("user.reset-password", "user", id, null, Map.of("mustChangePassword", true));
        return new TemporaryPassword(password);
    }

    private UserAccount visible(CurrentUser admin, long id) {
        return accounts.findById(id).filter(account -> admin.scope().contains(account.regionCode()))
                .orElseThrow(() -> new ProblemException.NotFound("用户", id));
    }

    private void checkFields(CurrentUser admin, UserFields fields) {
        regions.requireInScope("regionCode", fields.regionCode(), admin.scope());
        if (fields.departmentId() != null && departments.findById(fields.departmentId()).isEmpty()) {
            throw new ProblemException.InvalidField("departmentId", "department.unknown", "部门不存在");
        }
    }

    UserView view(UserAccount account) {
        String department = account.departmentId() == null ? null
                : departments.findById(account.departmentId()).map(Department::name).orElse(null);
        return new UserView(account.id(), account.username(), account.displayName(), account.phone(),
                account.role().name(), account.role().label(), account.regionCode(),
                regions.nameOf(account.regionCode()), account.departmentId(), department, account.enabled(),
                account.lockedAt(clock.instant()), account.lockedUntil(), account.mustChangePassword(),
                account.lastLoginAt(), account.createdAt());
    }
}
