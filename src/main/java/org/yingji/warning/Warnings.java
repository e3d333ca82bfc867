package org.yingji.warning;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.region.Regions;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import org.yingji.platform.web.ProblemException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle of a public warning: draft → submitted → approved (by a second person holding warning:approve) →
 * published → updated / cancelled / expired. The module's public API: other modules draft warnings through
 * {@link #draft(CurrentUser, WarningDraft)} and read them through {@link #get(CurrentUser, long)}.
 */
@Service
public class Warnings {

    static final String SELECT = "select * from warning";

    private final JdbcClient jdbc;
    private final WarningArea areas;
    private final Regions regions;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Warnings(JdbcClient jdbc, WarningArea areas, Regions regions, AuditLog audit, JsonMapper json, Clock clock,
             ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.areas = areas;
        this.regions = regions;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.events = events;
    }

    record WarningFilter(WarningState state, WarningLevel level, EventType eventType, String q) {
    }

    /**
     * Drafts a warning; fields left null in a pre-filled draft (from an alarm) get defaults the drafter edits:
     * a headline from the event and level, effective now, expiring in 24 h, the drafter's region as the area.
     */
    @Transactional
    public WarningView draft(CurrentUser user, WarningDraft draft) {
        requirePermission(user, "warning:draft");
        WarningDraft filled = withDefaults(user, draft);
        validate(user, filled);
        long id = jdbc.sql("""
                        insert into warning (identifier, state, event_type, level, headline, description, instruction,
                          sender_department, effective_at, expires_at, area_geojson, region_codes, region_code,
                          source_alarm_id, drafted_by, drafted_by_name)
                        values (?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?) returning id""")
                .params(identifier(), filled.eventType().name(), filled.level().name(), filled.headline().strip(),
                        filled.description().strip(), filled.instruction().strip(), filled.senderDepartment().strip(),
                        Timestamp.from(filled.effectiveAt()), Timestamp.from(filled.expiresAt()), areaText(filled),
                        pgArray(filled.regionCodes()), user.regionCode(), filled.sourceAlarmId(), user.id(),
                        user.displayName())
                .query(Long.class).single();
        WarningView created = find(id);
        audit.record("warning.draft", "warning", id, null, created);
        return created;
    }

    /**
     * Drafts a warning from an alarm at a point (for the command centre): the area is a circle of
     * {@code radiusKm} around it (a 32-gon), everything else pre-filled as {@link #draft} does; the drafter edits
     * and submits it like any other draft.
     */
    @Transactional
    public WarningView draftFromAlarm(CurrentUser user, String alarmId, EventType eventType, WarningLevel level,
                                      String description, double lon, double lat, double radiusKm) {
        double dLat = radiusKm / 111.32;
        double dLon = dLat / Math.cos(Math.toRadians(lat));
        StringBuilder ring = new StringBuilder();
        for (int i = 0; i <= 32; i++) {
            double angle = 2 * Math.PI * (i % 32) / 32;
            ring.append(i == 0 ? "" : ",").append('[').append(lon + dLon * Math.cos(angle)).append(',')
                    .append(lat + dLat * Math.sin(angle)).append(']');
        }
        JsonNode area = json.readTree("{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}");
        return draft(user, new WarningDraft(eventType, level, null, description, null, null, null, null, area,
                List.of(), alarmId));
    }

    public WarningView get(CurrentUser user, long id) {
        WarningView warning = find(id);
        if (warning == null || !(user.scope().contains(warning.regionCode()) || isPublic(warning))) {
            throw new ProblemException.NotFound("预警", id);
        }
        return warning;
    }

    PageView<WarningView> list(CurrentUser user, WarningFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" where (region_code like ? or state in ('PUBLISHED', 'CANCELLED', 'EXPIRED'))");
        List<Object> params = new ArrayList<>(List.of(user.scope().likePattern()));
        if (filter.state() != null) {
            where.append(" and state = ?");
            params.add(filter.state().name());
        }
        if (filter.level() != null) {
            where.append(" and level = ?");
            params.add(filter.level().name());
        }
        if (filter.eventType() != null) {
            where.append(" and event_type = ?");
            params.add(filter.eventType().name());
        }
        if (StringUtils.hasText(filter.q())) {
            where.append(" and (headline ilike ? or description ilike ?)");
            String like = "%" + filter.q().strip().replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
        }
        long total = jdbc.sql("select count(*) from warning" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(page.size());
        pageParams.add(page.offset());
        List<WarningView> items = jdbc.sql(SELECT + where + " order by id desc limit ? offset ?").params(pageParams)
                .query(this::map).list();
        return new PageView<>(items, total, page.page(), page.size());
    }

    /** Published warnings still in force, for the public page and the Atom feed. */
    List<WarningView> active() {
        return jdbc.sql(SELECT + " where state = 'PUBLISHED' and expires_at > ? order by sent_at desc")
                .param(Timestamp.from(clock.instant())).query(this::map).list();
    }

    @Transactional
    WarningView edit(CurrentUser user, long id, WarningDraft draft) {
        WarningView before = inState(user, id, WarningState.DRAFT);
        if (before.draftedBy() != user.id()) {
            throw new ProblemException.Conflict("warning.not-drafter", "只有起草人可以修改草稿");
        }
        WarningDraft filled = withDefaults(user, draft);
        validate(user, filled);
        jdbc.sql("""
                        update warning set event_type = ?, level = ?, headline = ?, description = ?, instruction = ?,
                          sender_department = ?, effective_at = ?, expires_at = ?, area_geojson = ?,
                          region_codes = ?::text[], updated_at = ? where id = ?""")
                .params(filled.eventType().name(), filled.level().name(), filled.headline().strip(),
                        filled.description().strip(), filled.instruction().strip(), filled.senderDepartment().strip(),
                        Timestamp.from(filled.effectiveAt()), Timestamp.from(filled.expiresAt()), areaText(filled),
                        pgArray(filled.regionCodes()), now(), id)
                .update();
        return step("warning.edit", id, before);
    }

    @Transactional
    WarningView submit(CurrentUser user, long id) {
        WarningView before = inState(user, id, WarningState.DRAFT);
        if (before.draftedBy() != user.id()) {
            throw new ProblemException.Conflict("warning.not-drafter", "只有起草人可以提交审核");
        }
        jdbc.sql("update warning set state = 'SUBMITTED', submitted_at = ?, updated_at = ? where id = ?")
                .params(now(), now(), id).update();
        return step("warning.submit", id, before);
    }

    @Transactional
    WarningView approve(CurrentUser user, long id) {
        requirePermission(user, "warning:approve");
        WarningView before = inState(user, id, WarningState.SUBMITTED);
        if (before.draftedBy() == user.id()) {
            throw new ProblemException.Conflict("warning.self-approval",
                    "不能审核自己起草的预警：须由另一名具有审核权限的人员审核");
        }
        jdbc.sql("""
                        update warning set state = 'APPROVED', approved_by = ?, approved_by_name = ?, approved_at = ?,
                          updated_at = ? where id = ?""")
                .params(user.id(), user.displayName(), now(), now(), id).update();
        return step("warning.approve", id, before);
    }

    @Transactional
    WarningView reject(CurrentUser user, long id, String reason) {
        requirePermission(user, "warning:approve");
        WarningView before = inState(user, id, WarningState.SUBMITTED);
        if (!StringUtils.hasText(reason)) {
            throw new ProblemException.InvalidField("reason", "NotBlank", "退回须说明原因");
        }
        jdbc.sql("update warning set state = 'DRAFT', submitted_at = null, updated_at = ? where id = ?")
                .params(now(), id).update();
        WarningView after = find(id);
        audit.record("warning.reject", "warning", id, before, java.util.Map.of("warning", after, "reason", reason));
        return after;
    }

    @Transactional
    WarningView publish(CurrentUser user, long id) {
        requirePermission(user, "warning:publish");
        WarningView before = get(user, id);
        if (before.state() != WarningState.APPROVED) {
            throw new ProblemException.Conflict("warning.not-approved",
                    "预警未经审核，不能发布（当前状态：" + stateLabel(before.state()) + "）");
        }
        if (!before.expiresAt().isAfter(clock.instant())) {
            throw new ProblemException.Conflict("warning.already-expired", "预警的失效时间已过，请修改后重新提交");
        }
        jdbc.sql("""
                        update warning set state = 'PUBLISHED', published_at = ?, sent_at = ?, msg_type = 'Alert',
                          updated_at = ? where id = ?""")
                .params(now(), now(), now(), id).update();
        WarningView after = step("warning.publish", id, before);
        events.publishEvent(new WarningPublished(id, after.revision(), after.msgType()));
        return after;
    }

    /**
     * Proposes a change of a published warning (level, text, area, expiry). Like the first publication it needs a
     * second person's approval ({@link #approveUpdate}) before {@link #publishUpdate} sends it; a new proposal
     * replaces one still waiting.
     */
    @Transactional
    WarningView proposeUpdate(CurrentUser user, long id, WarningDraft draft) {
        requirePermission(user, "warning:draft");
        WarningView before = inState(user, id, WarningState.PUBLISHED);
        WarningDraft filled = withDefaults(user, draft);
        validate(user, filled);
        jdbc.sql("""
                        update warning set pending_update = ?::jsonb, update_state = 'SUBMITTED', update_drafted_by = ?,
                          update_drafted_by_name = ?, update_submitted_at = ?, update_approved_by = null,
                          update_approved_by_name = null, updated_at = ? where id = ?""")
                .params(json.writeValueAsString(filled), user.id(), user.displayName(), now(), now(), id).update();
        return step("warning.update.submit", id, before);
    }

    @Transactional
    WarningView approveUpdate(CurrentUser user, long id) {
        requirePermission(user, "warning:approve");
        WarningView before = withPendingUpdate(user, id, "SUBMITTED");
        if (before.pendingUpdate().draftedBy() == user.id()) {
            throw new ProblemException.Conflict("warning.self-approval",
                    "不能审核自己起草的预警变更：须由另一名具有审核权限的人员审核");
        }
        jdbc.sql("""
                        update warning set update_state = 'APPROVED', update_approved_by = ?,
                          update_approved_by_name = ?, updated_at = ? where id = ?""")
                .params(user.id(), user.displayName(), now(), id).update();
        return step("warning.update.approve", id, before);
    }

    @Transactional
    WarningView rejectUpdate(CurrentUser user, long id, String reason) {
        requirePermission(user, "warning:approve");
        WarningView before = withPendingUpdate(user, id, "SUBMITTED");
        if (!StringUtils.hasText(reason)) {
            throw new ProblemException.InvalidField("reason", "NotBlank", "退回须说明原因");
        }
        clearPendingUpdate(id);
        WarningView after = find(id);
        audit.record("warning.update.reject", "warning", id, before, java.util.Map.of("warning", after,
                "reason", reason));
        return after;
    }

    /**
     * Publishes an approved change: a CAP Update referencing the previous message, sent to everyone in the new
     * area. 409 {@code warning.update-not-approved} while the change waits for review.
     */
    @Transactional
    WarningView publishUpdate(CurrentUser user, long id) {
        requirePermission(user, "warning:publish");
        WarningView before = inState(user, id, WarningState.PUBLISHED);
        WarningView.PendingUpdate pending = before.pendingUpdate();
        if (pending == null) {
            throw new ProblemException.Conflict("warning.no-pending-update", "该预警没有待发布的变更");
        }
        if (!"APPROVED".equals(pending.state())) {
            throw new ProblemException.Conflict("warning.update-not-approved",
                    "预警变更未经审核，不能发布：须由变更起草人以外具有审核权限的人员审核");
        }
        WarningDraft filled = json.treeToValue(pending.draft(), WarningDraft.class);
        jdbc.sql("""
                        update warning set event_type = ?, level = ?, headline = ?, description = ?, instruction = ?,
                          sender_department = ?, effective_at = ?, expires_at = ?, area_geojson = ?,
                          region_codes = ?::text[], msg_type = 'Update', revision = revision + 1,
                          approved_by = update_approved_by, approved_by_name = update_approved_by_name,
                          approved_at = ?, previous_sent_at = sent_at, sent_at = ?, updated_at = ? where id = ?""")
                .params(filled.eventType().name(), filled.level().name(), filled.headline().strip(),
                        filled.description().strip(), filled.instruction().strip(), filled.senderDepartment().strip(),
                        Timestamp.from(filled.effectiveAt()), Timestamp.from(filled.expiresAt()), areaText(filled),
                        pgArray(filled.regionCodes()), now(), now(), now(), id)
                .update();
        clearPendingUpdate(id);
        WarningView after = step("warning.update", id, before);
        events.publishEvent(new WarningPublished(id, after.revision(), after.msgType()));
        return after;
    }

    private WarningView withPendingUpdate(CurrentUser user, long id, String state) {
        WarningView warning = inState(user, id, WarningState.PUBLISHED);
        if (warning.pendingUpdate() == null || !state.equals(warning.pendingUpdate().state())) {
            throw new ProblemException.Conflict("warning.no-pending-update", "该预警没有待审核的变更");
        }
        return warning;
    }

    private void clearPendingUpdate(long id) {
        jdbc.sql("""
                        update warning set pending_update = null, update_state = null, update_drafted_by = null,
                          update_drafted_by_name = null, update_submitted_at = null, update_approved_by = null,
                          update_approved_by_name = null where id = ?""")
                .param(id).update();
    }

    @Transactional
    WarningView cancel(CurrentUser user, long id, String reason) {
        requirePermission(user, "warning:publish");
        WarningView before = get(user, id);
        if (before.state() == WarningState.PUBLISHED) {
            clearPendingUpdate(id); // a change waiting for review is moot once the warning is lifted
            jdbc.sql("""
                            update warning set state = 'CANCELLED', msg_type = 'Cancel', revision = revision + 1,
                              previous_sent_at = sent_at, sent_at = ?, cancelled_at = ?, updated_at = ? where id = ?""")
                    .params(now(), now(), now(), id).update();
        } else if (before.state() == WarningState.DRAFT || before.state() == WarningState.SUBMITTED
                || before.state() == WarningState.APPROVED) {
            jdbc.sql("update warning set state = 'CANCELLED', cancelled_at = ?, updated_at = ? where id = ?")
                    .params(now(), now(), id).update();
        } else {
            throw new ProblemException.Conflict("warning.not-cancellable",
                    "预警已" + stateLabel(before.state()) + "，不能再解除");
        }
        WarningView after = find(id);
        audit.record("warning.cancel", "warning", id, before, java.util.Map.of("warning", after,
                "reason", reason == null ? "" : reason));
        if (before.state() == WarningState.PUBLISHED) {
            events.publishEvent(new WarningPublished(id, after.revision(), after.msgType()));
        }
        return after;
    }

    /** Marks published warnings past their expiry as expired; called by the scheduler. */
    @Transactional
    int expireDue() {
        List<WarningView> due = jdbc.sql(SELECT + " where state = 'PUBLISHED' and expires_at <= ?")
                .param(now()).query(this::map).list();
        int expired = 0;
        for (WarningView before : due) {
            // The state condition makes a concurrent run (another node, a test) expire each warning once.
            if (jdbc.sql("update warning set state = 'EXPIRED', updated_at = ? where id = ? and state = 'PUBLISHED'")
                    .params(now(), before.id()).update() == 1) {
                audit.record("warning.expire", "warning", before.id(), before, find(before.id()));
                expired++;
            }
        }
        return expired;
    }

    /** Stores a warning received as CAP from another system, already published by its sender. */
    @Transactional
    WarningView importPublished(CurrentUser user, WarningDraft draft, String identifier, String sender, Instant sent) {
        long id = jdbc.sql("""
                        insert into warning (identifier, state, event_type, level, headline, description, instruction,
                          sender_department, effective_at, expires_at, area_geojson, region_codes, region_code,
                          drafted_by, drafted_by_name, published_at, sent_at, imported_from)
                        values (?, 'PUBLISHED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?) returning id""")
                .params(identifier, draft.eventType().name(), draft.level().name(), draft.headline(),
                        draft.description(), draft.instruction(), draft.senderDepartment(),
                        Timestamp.from(draft.effectiveAt()), Timestamp.from(draft.expiresAt()),
                        draft.area() == null ? null : WarningArea.write(WarningArea.read(draft.area())),
                        pgArray(draft.regionCodes()), user.regionCode(), user.id(), user.displayName(), now(),
                        Timestamp.from(sent), sender)
                .query(Long.class).single();
        WarningView created = find(id);
        audit.record("warning.import", "warning", id, null, created);
        events.publishEvent(new WarningPublished(id, 0, "Alert"));
        return created;
    }

    boolean identifierExists(String identifier) {
        return jdbc.sql("select count(*) from warning where identifier = ?").param(identifier).query(Long.class)
                .single() > 0;
    }

    WarningView find(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(this::map).optional().orElse(null);
    }

    private WarningView step(String action, long id, WarningView before) {
        WarningView after = find(id);
        audit.record(action, "warning", id, before, after);
        return after;
    }

    private WarningView inState(CurrentUser user, long id, WarningState state) {
        WarningView warning = get(user, id);
        if (warning.state() != state) {
            throw new ProblemException.Conflict("warning.wrong-state", "预警当前为“" + stateLabel(warning.state())
                    + "”，此操作要求“" + stateLabel(state) + "”");
        }
        return warning;
    }

    private static boolean isPublic(WarningView warning) {
        return warning.state() == WarningState.PUBLISHED || warning.state() == WarningState.CANCELLED
                || warning.state() == WarningState.EXPIRED;
    }

    static String stateLabel(WarningState state) {
        return switch (state) {
            case DRAFT -> "草稿";
            case SUBMITTED -> "待审核";
            case APPROVED -> "已审核";
            case PUBLISHED -> "已发布";
            case CANCELLED -> "已解除";
            case EXPIRED -> "已过期";
        };
    }

    private static void requirePermission(CurrentUser user, String permission) {
        if (!user.can(permission)) {
            throw new ProblemException.Forbidden("auth.forbidden", "您的角色没有此操作的权限（" + permission + "）");
        }
    }

    private WarningDraft withDefaults(CurrentUser user, WarningDraft d) {
        EventType type = d.eventType() == null ? EventType.OTHER : d.eventType();
        WarningLevel level = d.level() == null ? WarningLevel.BLUE : d.level();
        Instant effective = d.effectiveAt() == null ? clock.instant() : d.effectiveAt();
        Instant expires = d.expiresAt() == null ? effective.plus(Duration.ofHours(24)) : d.expiresAt();
        List<String> codes = d.regionCodes() == null ? List.of() : d.regionCodes().stream().map(String::strip).toList();
        if (d.area() == null && codes.isEmpty() && d.sourceAlarmId() != null) {
            codes = List.of(user.regionCode());
        }
        return new WarningDraft(type, level,
                StringUtils.hasText(d.headline()) ? d.headline() : "自贡市" + type.label() + level.label() + "预警",
                d.description() == null ? "" : d.description(),
                StringUtils.hasText(d.instruction()) || d.sourceAlarmId() == null ? nullToEmpty(d.instruction())
                        : "请关注官方发布的后续信息，做好防范准备，听从当地政府和应急部门指挥。",
                StringUtils.hasText(d.senderDepartment()) ? d.senderDepartment() : "自贡市应急管理局",
                effective, expires, d.area() == null || d.area().isNull() ? null : d.area(), codes,
                d.sourceAlarmId());
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private void validate(CurrentUser user, WarningDraft d) {
        List<FieldProblem> problems = new ArrayList<>();
        requireText(problems, "headline", d.headline(), 140);
        requireText(problems, "description", d.description(), 4000);
        requireText(problems, "instruction", d.instruction(), 2000);
        requireText(problems, "senderDepartment", d.senderDepartment(), 100);
        if (!d.expiresAt().isAfter(d.effectiveAt())) {
            problems.add(new FieldProblem("expiresAt", "after-effective", "失效时间须晚于生效时间"));
        }
        problems.addAll(areas.problems("area", d.area()));
        for (int i = 0; i < d.regionCodes().size(); i++) {
            FieldProblem problem = regions.scopeProblem("regionCodes[" + i + "]", d.regionCodes().get(i), user.scope());
            if (problem != null) {
                problems.add(problem);
            }
        }
        if (d.area() == null && d.regionCodes().isEmpty()) {
            problems.add(new FieldProblem("area", "area.required", "请在地图上绘制预警区域或选择行政区划"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException.Invalid(problems);
        }
    }

    private static void requireText(List<FieldProblem> problems, String field, String value, int max) {
        if (!StringUtils.hasText(value)) {
            problems.add(new FieldProblem(field, "NotBlank", "不能为空"));
        } else if (value.strip().length() > max) {
            problems.add(new FieldProblem(field, "Size", "不能超过 " + max + " 个字"));
        }
    }

    private static String areaText(WarningDraft d) {
        return d.area() == null ? null : WarningArea.write(WarningArea.read(d.area()));
    }

    private static String pgArray(List<String> codes) {
        return "{" + String.join(",", codes == null ? List.of() : codes) + "}";
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static String identifier() {
        return "CN-510300-YJ-" + UUID.randomUUID();
    }

    WarningView map(ResultSet rs, int row) throws SQLException {
        Array codes = rs.getArray("region_codes");
        String area = rs.getString("area_geojson");
        JsonNode areaJson = area == null ? null : json.readTree(area);
        EventType type = EventType.valueOf(rs.getString("event_type"));
        WarningLevel level = WarningLevel.valueOf(rs.getString("level"));
        Long approvedBy = (Long) rs.getObject("approved_by");
        return new WarningView(rs.getLong("id"), rs.getString("identifier"), WarningState.valueOf(rs.getString("state")),
                type, type.label(), level, level.label(), rs.getString("headline"), rs.getString("description"),
                rs.getString("instruction"), rs.getString("sender_department"), instant(rs, "effective_at"),
                instant(rs, "expires_at"), areaJson, codes == null ? List.of() : List.of((String[]) codes.getArray()),
                rs.getString("region_code"), rs.getString("source_alarm_id"), rs.getLong("drafted_by"),
                rs.getString("drafted_by_name"), instant(rs, "submitted_at"), approvedBy,
                rs.getString("approved_by_name"), instant(rs, "approved_at"), instant(rs, "published_at"),
                rs.getString("msg_type"), rs.getInt("revision"), instant(rs, "sent_at"),
                instant(rs, "previous_sent_at"), instant(rs, "cancelled_at"), rs.getString("imported_from"),
                instant(rs, "created_at"), instant(rs, "updated_at"), pendingUpdate(rs));
    }

    private WarningView.PendingUpdate pendingUpdate(ResultSet rs) throws SQLException {
        String draft = rs.getString("pending_update");
        if (draft == null) {
            return null;
        }
        return new WarningView.PendingUpdate(rs.getString("update_state"), json.readTree(draft),
                rs.getLong("update_drafted_by"), rs.getString("update_drafted_by_name"),
                instant(rs, "update_submitted_at"), (Long) rs.getObject("update_approved_by"),
                rs.getString("update_approved_by_name"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
