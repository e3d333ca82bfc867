package org.yingji.platform.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.yingji.platform.user.UserAccount;

/** Turns a stored account into the principal and authorities of a request. */
final class Sessions {

    private Sessions() {
    }

    static CurrentUser currentUserOf(UserAccount account, String tokenName) {
        return new CurrentUser(account.id(), account.username(), account.displayName(), account.role(),
                account.regionCode(), account.mustChangePassword(), tokenName);
    }

    static Authentication authenticationOf(CurrentUser user) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + user.role().name()));
        user.role().permissions().forEach(permission -> authorities.add(new SimpleGrantedAuthority(permission)));
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
    }
}
