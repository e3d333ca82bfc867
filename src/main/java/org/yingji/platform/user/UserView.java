package org.yingji.platform.user;

import java.time.Instant;

/** A user as the admin screens show it; never the password hash. */
public record UserView(long id, String username, String displayName, String phone, String role, String roleName,
                       String regionCode, String regionName, Long departmentId, String departmentName,
                       boolean enabled, boolean locked, Instant lockedUntil, boolean mustChangePassword,
                       Instant lastLoginAt, Instant createdAt) {
}
