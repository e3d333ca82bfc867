package org.yingji.platform.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "登录 Sign-in")
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final SignIn signIn;
    private final PasswordChange passwordChange;
    private final MeViews meViews;
    private final SecurityContextRepository contexts;
    private final CsrfAuthenticationStrategy csrfRotation;

    AuthController(SignIn signIn, PasswordChange passwordChange, MeViews meViews, SecurityContextRepository contexts,
                   CsrfTokenRepository csrfTokens) {
        this.signIn = signIn;
        this.passwordChange = passwordChange;
        this.meViews = meViews;
        this.contexts = contexts;
        this.csrfRotation = new CsrfAuthenticationStrategy(csrfTokens);
    }

    record LoginRequest(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {
    }

    record PasswordChangeRequest(@NotBlank String currentPassword, @NotBlank @Size(max = 200) String newPassword) {
    }

    record CsrfView(String headerName, String token) {
    }

    @Operation(summary = "Get the CSRF token to send in X-XSRF-TOKEN (also set as the XSRF-TOKEN cookie)")
    @GetMapping("/csrf")
    CsrfView csrf(HttpServletRequest request) {
        // The raw token, as in the cookie: the header check of the single-page-app setup compares it unmasked.
        CsrfToken token = ((DeferredCsrfToken) request.getAttribute(DeferredCsrfToken.class.getName())).get();
        return new CsrfView(token.getHeaderName(), token.getToken());
    }

    @Operation(summary = "Sign in with username and password; starts a session")
    @PostMapping("/login")
    MeViews.Me login(@Valid @RequestBody LoginRequest login, HttpServletRequest request,
                     HttpServletResponse response) {
        CurrentUser user = signIn.authenticate(login.username(), login.password());
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            request.changeSessionId(); // no session fixation
        }
        Authentication authentication = Sessions.authenticationOf(user);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        csrfRotation.onAuthentication(authentication, request, response);
        return meViews.of(user);
    }

    @Operation(summary = "Sign out")
    @PostMapping("/logout")
    ResponseEntity<Void> logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The signed-in user")
    @GetMapping("/me")
    MeViews.Me me() {
        return meViews.of(CurrentUser.get());
    }

    @Operation(summary = "Change one's own password")
    @PostMapping("/password")
    ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChangeRequest change) {
        passwordChange.change(CurrentUser.get(), change.currentPassword(), change.newPassword());
        return ResponseEntity.noContent().build();
    }
}
