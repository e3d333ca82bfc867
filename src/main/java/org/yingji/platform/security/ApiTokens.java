package org.yingji.platform.security;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.user.UserAccount;
import org.yingji.platform.user.UserAccounts;
import org.yingji.platform.web.ProblemException;

/**
 * API tokens for machines: 32 random bytes shown once, stored only as a SHA-256 hash (a fast hash is enough for
 * a secret of that entropy, and keeps the per-request check cheap). A token acts as its owner.
 */
@Service
class ApiTokens implements MachineTokens {

    static final String PREFIX = "yj_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final UserAccounts accounts;
    private final AuditLog audit;
    private final Clock clock;

    ApiTokens(JdbcClient jdbc, UserAccounts accounts, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    record TokenView(long id, String name, String prefix, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                     Instant revokedAt) {
    }

    record IssuedToken(long id, String name, String token) {
    }

    @Transactional
    IssuedToken issue(CurrentUser owner, String name, Integer expiresInDays) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = expiresInDays == null ? null : now.plus(Duration.ofDays(expiresInDays));
        long id = jdbc.sql("""
                        insert into api_token (user_id, name, token_hash, prefix, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(owner.id(), name, sha256(token), token.substring(0, 8), Timestamp.from(now),
                        expiresAt == null ? null : Timestamp.from(expiresAt))
                .query(Long.class).single();
        audit.record("token.create", "api_token", id, null, java.util.Map.of("name", name,
                "expiresAt", String.valueOf(expiresAt)));
        return new IssuedToken(id, name, token);
    }

    List<TokenView> listOf(CurrentUser owner) {
        return jdbc.sql("""
                        select id, name, prefix, created_at, expires_at, last_used_at, revoked_at from api_token
                        where user_id = ? order by id desc""")
                .param(owner.id()).query(TokenView.class).list();
    }

    @Transactional
    void revoke(CurrentUser owner, long id) {
        int updated = jdbc.sql("update api_token set revoked_at = ? where id = ? and user_id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), id, owner.id()).update();
        if (updated == 0) {
            throw new ProblemException.NotFound("令牌", id);
        }
        audit.record("token.revoke", "api_token", id, null, null);
    }

    @Override
    public Optional<CurrentUser> authenticate(String token) {
        if (!token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        record Row(long id, long userId, String name, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        }
        Optional<Row> row = jdbc.sql("""
                        select id, user_id, name, expires_at, last_used_at, revoked_at from api_token
                        where token_hash = ?""")
                .param(sha256(token)).query(Row.class).optional();
        if (row.isEmpty() || row.get().revokedAt() != null
                || (row.get().expiresAt() != null && !row.get().expiresAt().isAfter(now))) {
            return Optional.empty();
        }
        Optional<UserAccount> account = accounts.findById(row.get().userId()).filter(UserAccount::enabled);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        if (row.get().lastUsedAt() == null || row.get().lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now)) {
            jdbc.sql("update api_token set last_used_at = ? where id = ?")
                    .params(Timestamp.from(now), row.get().id()).update();
        }
        // A machine cannot answer a password-change prompt; the owner's flag does not block the token.
        CurrentUser user = Sessions.currentUserOf(account.get(), row.get().name());
        return Optional.of(new CurrentUser(user.id(), user.username(), user.displayName(), user.role(),
                user.regionCode(), false, user.tokenName()));
    }

    static String sha256(String value) {
        return Sha256.hex(value);
    }
}
