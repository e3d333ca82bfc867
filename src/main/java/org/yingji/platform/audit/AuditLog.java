package org.yingji.platform.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.security.Sha256;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends audit rows inside the caller's transaction, so a write and its audit row commit or vanish together.
 * Each row's hash covers its content and the previous row's hash; a transaction-scoped advisory lock keeps the
 * chain linear when writers run concurrently.
 */
@Service
public class AuditLog {

    static final String GENESIS = "0".repeat(64);
    private static final long CHAIN_LOCK = 0x5949_4E47_4A49L; // "YINGJI": one advisory lock key for the chain

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Records a write by the current user (or "system" outside a request). Objects are stored as JSON. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String entityType, Object entityId, Object before, Object after) {
        recordAs(CurrentUser.actorName(), CurrentUser.actorRegion(), action, entityType, entityId, before, after);
    }

    /** Records an event whose actor is known but not signed in yet, e.g. a failed sign-in. */
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordAs(String actor, String actorRegion, String action, String entityType, Object entityId, Object before,
                         Object after) {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query(Object.class).single();
        String prevHash = jdbc.sql("select hash from audit_log order by id desc limit 1")
                .query(String.class).optional().orElse(GENESIS);
        long id = jdbc.sql("select nextval('audit_log_id_seq')").query(Long.class).single();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        String id_ = entityId == null ? null : entityId.toString();
        String beforeJson = toJson(before);
        String afterJson = toJson(after);
        String hash = hash(id, at, actor, actorRegion, action, entityType, id_, beforeJson, afterJson, prevHash);
        jdbc.sql("""
                        insert into audit_log (id, at, actor, actor_region, action, entity_type, entity_id, before, after,
                                               prev_hash, hash)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, Timestamp.from(at), actor, actorRegion, action, entityType, id_, beforeJson, afterJson, prevHash, hash)
                .update();
    }

    public PageView<AuditEntry> search(RegionScope scope, AuditQuery query, PageRequest page) {
        StringBuilder where = new StringBuilder(" where actor_region like ?");
        List<Object> params = new ArrayList<>(List.of(scope.likePattern()));
        if (StringUtils.hasText(query.actor())) {
            where.append(" and actor = ?");
            params.add(query.actor().strip());
        }
        if (StringUtils.hasText(query.action())) {
            where.append(" and action = ?");
            params.add(query.action().strip());
        }
        if (StringUtils.hasText(query.entityType())) {
            where.append(" and entity_type = ?");
            params.add(query.entityType().strip());
        }
        if (StringUtils.hasText(query.entityId())) {
            where.append(" and entity_id = ?");
            params.add(query.entityId().strip());
        }
        if (query.from() != null) {
            where.append(" and at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            where.append(" and at < ?");
            params.add(Timestamp.from(query.to()));
        }
        long total = jdbc.sql("select count(*) from audit_log" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.addAll(List.of(page.size(), page.offset()));
        List<AuditEntry> items = jdbc.sql("select * from audit_log" + where + " order by id desc limit ? offset ?")
                .params(pageParams).query(AuditLog::map).list();
        return new PageView<>(items, total, page.page(), page.size());
    }

    /** Walks the whole chain in id order, streaming, and reports the first row that does not fit. */
    @Transactional(readOnly = true)
    public ChainCheck verify() {
        var state = new Object() {
            String prev = GENESIS;
            long checked;
            Long brokenAt;
            String reason;
        };
        jdbc.sql("select * from audit_log order by id").withFetchSize(1000).query(rs -> {
            if (state.brokenAt != null) {
                return;
            }
            AuditEntry entry = map(rs, 0);
            state.checked++;
            if (!entry.prevHash().equals(state.prev)) {
                state.brokenAt = entry.id();
                state.reason = "前一条记录的哈希不匹配（记录被删除、插入或改动）";
            } else if (!entry.hash().equals(hash(entry.id(), entry.at(), entry.actor(), entry.actorRegion(), entry.action(),
                    entry.entityType(), entry.entityId(), entry.before(), entry.after(), entry.prevHash()))) {
                state.brokenAt = entry.id();
                state.reason = "记录内容与其哈希不符（记录被篡改）";
            }
            state.prev = entry.hash();
        });
        return new ChainCheck(state.brokenAt == null, state.checked, state.brokenAt, state.reason);
    }

    private String toJson(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof String text ? text : json.writeValueAsString(value);
    }

    static String hash(long id, Instant at, String actor, String actorRegion, String action, String entityType, String entityId,
                       String before, String after, String prevHash) {
        // Length-prefixed fields: no two different rows can produce the same input by shifting a separator.
        StringBuilder input = new StringBuilder();
        for (String field : new String[]{prevHash, Long.toString(id), at.toString(), actor, actorRegion, action, entityType,
                entityId, before, after}) {
            if (field == null) {
                input.append("-1:");
            } else {
                input.append(field.length()).append(':').append(field);
            }
        }
        return Sha256.hex(input.toString());
    }

    private static AuditEntry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                rs.getString("actor_region"), rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
                rs.getString("before"), rs.getString("after"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
