package org.yingji.platform.security;

import org.springframework.stereotype.Component;
import org.yingji.platform.region.Regions;
import org.yingji.platform.user.Departments;
import org.yingji.platform.user.UserAccounts;

/** Describes the signed-in user for the web app's header and guards. */
@Component
class MeViews {

    private final UserAccounts accounts;
    private final Departments departments;
    private final Regions regions;

    MeViews(UserAccounts accounts, Departments departments, Regions regions) {
        this.accounts = accounts;
        this.departments = departments;
        this.regions = regions;
    }

    record Me(long id, String username, String displayName, String role, String roleName, String regionCode,
              String regionName, String departmentName, boolean mustChangePassword, java.util.Set<String> permissions) {
    }

    Me of(CurrentUser user) {
        String department = accounts.findById(user.id())
                .map(account -> account.departmentId())
                .flatMap(id -> id == null ? java.util.Optional.empty() : departments.findById(id))
                .map(d -> d.name()).orElse(null);
        return new Me(user.id(), user.username(), user.displayName(), user.role().name(), user.role().label(),
                user.regionCode(), regions.nameOf(user.regionCode()), department, user.mustChangePassword(),
                user.role().permissions());
    }
}
