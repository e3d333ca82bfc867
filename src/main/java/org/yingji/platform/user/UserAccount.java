package org.yingji.platform.user;

import java.time.Instant;

/** A stored user account. The password hash never leaves this package's services. */
public record UserAccount(long id, String username, String displayName, String phone, Role role, String regionCode,
                          Long departmentId, String passwordHash, boolean enabled, boolean mustChangePassword,
                          int failedAttempts, Instant lockedUntil, Instant lastLoginAt, Instant createdAt) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }
}
