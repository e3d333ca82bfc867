package org.yingji.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.yingji.platform.user.UserAccounts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Secure by default: everything under /api needs a user (session or token), the web app and its assets are
 * public, writes from the browser carry a CSRF token from a cookie (the single-page-app pattern).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ApiTokens tokens, UserAccounts accounts,
                                            JsonMapper json, CsrfTokenRepository csrfTokens,
                                            SecurityContextRepository contexts) throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/auth/login", "/api/auth/csrf").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        // The public warning page, its Atom feed and CAP documents: read by anyone, no session.
                        .requestMatchers(HttpMethod.GET, "/public", "/public/**").permitAll()
                        .requestMatchers("/api/**", "/actuator/**").authenticated()
                        .anyRequest().permitAll())
                .csrf(csrf -> csrf
                        .spa()
                        .csrfTokenRepository(csrfTokens)
                        // A browser never adds a Bearer header by itself, so token calls cannot be forged.
                        .ignoringRequestMatchers(SecurityConfiguration::hasBearerToken))
                .securityContext(context -> context.securityContextRepository(contexts))
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problems.unauthenticated(request, response))
                        .accessDeniedHandler((request, response, e) -> {
                            if (e instanceof CsrfException) {
                                problems.write(request, response, HttpStatus.FORBIDDEN, "auth.csrf", "请求校验失败",
                                        "CSRF 令牌缺失或失效：请在 X-XSRF-TOKEN 头中带上 XSRF-TOKEN Cookie 的值（刷新页面后重试）");
                            } else {
                                problems.write(request, response, HttpStatus.FORBIDDEN, "auth.forbidden", "无权操作",
                                        "您的角色没有此操作的权限");
                            }
                        }))
                .addFilterBefore(new RequestAuthentication(tokens, accounts, problems),
                        AnonymousAuthenticationFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data: blob: https://*.tianditu.gov.cn; "
                                + "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; "
                                + "frame-ancestors 'none'")))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    private static boolean hasBearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Bean
    CsrfTokenRepository csrfTokenRepository() {
        return CookieCsrfTokenRepository.withHttpOnlyFalse();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /** Argon2id (memory-hard); the {id} prefix lets a future KDF take over without resetting passwords. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("argon2",
                Map.of("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8()));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
