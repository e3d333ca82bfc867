package org.yingji.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.yingji.platform.user.UserAccount;
import org.yingji.platform.user.UserAccounts;

/**
 * Establishes who is calling, once per request:
 * <ul>
 * <li>a Bearer token authenticates the request alone (no session is created);</li>
 * <li>a session's user is re-read from the database, so that disabling an account or changing its role or
 * region takes effect on the very next request;</li>
 * <li>a user who must change the password may call nothing but the password change until they do.</li>
 * </ul>
 */
class RequestAuthentication extends OncePerRequestFilter {

    private static final Set<String> ALLOWED_BEFORE_PASSWORD_CHANGE = Set.of(
            "/api/auth/me", "/api/auth/password", "/api/auth/logout", "/api/auth/csrf", "/api/auth/login");

    private final ApiTokens tokens;
    private final UserAccounts accounts;
    private final ProblemResponses problems;

    RequestAuthentication(ApiTokens tokens, UserAccounts accounts, ProblemResponses problems) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<CurrentUser> user = tokens.authenticate(header.substring(7).strip());
            if (user.isEmpty()) {
                problems.write(request, response, HttpStatus.UNAUTHORIZED, "auth.bad-token", "令牌无效",
                        "API 令牌无效、已撤销或已过期");
                return;
            }
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(Sessions.authenticationOf(user.get()));
            SecurityContextHolder.setContext(context);
        } else if (!refreshSessionUser(request)) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "auth.session-ended", "会话已结束",
                    "账户已停用或不存在，请重新登录");
            return;
        }
        CurrentUser user = CurrentUser.orNull();
        if (user != null && user.mustChangePassword() && request.getRequestURI().startsWith("/api/")
                && !ALLOWED_BEFORE_PASSWORD_CHANGE.contains(request.getRequestURI())) {
            problems.write(request, response, HttpStatus.FORBIDDEN, "auth.password-change-required", "需要修改密码",
                    "首次登录或密码被重置后须先修改密码");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Returns false when the session's account is gone or disabled; the session is then ended. */
    private boolean refreshSessionUser(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof CurrentUser sessionUser)) {
            return true;
        }
        Optional<UserAccount> account = accounts.findById(sessionUser.id()).filter(UserAccount::enabled);
        if (account.isEmpty()) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            return false;
        }
        CurrentUser fresh = Sessions.currentUserOf(account.get(), null);
        if (!fresh.equals(sessionUser)) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(Sessions.authenticationOf(fresh));
            SecurityContextHolder.setContext(context);
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.setAttribute(
                        org.springframework.security.web.context.HttpSessionSecurityContextRepository
                                .SPRING_SECURITY_CONTEXT_KEY, context);
            }
        }
        return true;
    }
}
