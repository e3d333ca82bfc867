package org.yingji.platform.security;

import java.io.Serializable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.user.Role;

/**
 * The signed-in user as every module sees it: who, in which role, over which region subtree.
 *
 * @param tokenName the API token's name when the request came with a token, otherwise null
 */
public record CurrentUser(long id, String username, String displayName, Role role, String regionCode,
                          boolean mustChangePassword, String tokenName) implements Serializable {

    static final String SYSTEM = "system";
    static final String CITY = "510300";

    public RegionScope scope() {
        return RegionScope.of(regionCode);
    }

    public boolean can(String permission) {
        return role.permissions().contains(permission);
    }

    /** The user of this request; fails if there is none (the security chain guarantees one under /api). */
    public static CurrentUser get() {
        CurrentUser user = orNull();
        if (user == null) {
            throw new IllegalStateException("No signed-in user in this thread");
        }
        return user;
    }

    static CurrentUser orNull() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null;
    }

    /** The name written to the audit log: the username, marked when a token acted, or "system". */
    public static String actorName() {
        CurrentUser user = orNull();
        if (user == null) {
            return SYSTEM;
        }
        return user.tokenName == null ? user.username : user.username + " (令牌:" + user.tokenName + ")";
    }

    /** The region written with each audit row; system work belongs to the city. */
    public static String actorRegion() {
        CurrentUser user = orNull();
        return user == null ? CITY : user.regionCode;
    }
}
