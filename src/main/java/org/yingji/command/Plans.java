package org.yingji.command;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans (预案): the overall plan and the special plans, versioned (each publish adds a version), with attachments.
 * A retired plan is archived, not deleted, once an incident activated it: the activation keeps pointing at it.
 */
@Service
class Plans {

    enum Kind { OVERALL, SPECIAL }

    /** {@code archivedAt} is null for a plan in force. */
    record PlanView(long id, String code, String name, Kind kind, int version, Instant publishedAt, String publishedBy,
                    PlanContent content, List<String> scopeLabels, Instant archivedAt, String archivedBy) {

        boolean archived() {
            return archivedAt != null;
        }
    }

    record VersionSummary(int version, String name, Instant publishedAt, String publishedBy) {
    }

    record AttachmentView(long id, String fileName, String contentType, int sizeBytes, String uploadedBy,
                          Instant uploadedAt) {
    }

    record Attachment(String fileName, String contentType, byte[] data) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final Clock clock;

    Plans(JdbcClient jdbc, JsonMapper json, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    /** The plans in force, and with {@code withArchived} the archived ones after them. */
    List<PlanView> list(boolean withArchived) {
        return jdbc.sql("""
                        select p.id, p.code, p.kind, p.archived_at, p.archived_by, v.* from plan p
                        join plan_version v on v.plan_id = p.id and v.version = p.current_version
                        where ? or p.archived_at is null order by p.archived_at nulls first, p.kind, p.id""")
                .param(withArchived).query(this::map).list();
    }

    PlanView get(long id) {
        return version(id, null);
    }

    /** A version of a plan; null = the current one. Old versions stay readable. */
    PlanView version(long id, Integer version) {
        return jdbc.sql("""
                        select p.id, p.code, p.kind, p.archived_at, p.archived_by, v.* from plan p
                        join plan_version v on v.plan_id = p.id
                        and v.version = coalesce(?, p.current_version) where p.id = ?""")
                .params(version, id).query(this::map).optional()
                .orElseThrow(() -> new ProblemException.NotFound("预案", version == null ? id : id + " 第 " + version + " 版"));
    }

    List<VersionSummary> versions(long id) {
        get(id);
        return jdbc.sql("select version, name, published_at, published_by from plan_version where plan_id = ? order by version desc")
                .param(id).query(VersionSummary.class).list();
    }

    @Transactional
    PlanView create(String code, String name, Kind kind, PlanContent content) {
        validate(code, name, kind, content);
        if (jdbc.sql("select count(*) from plan where code = ?").param(code).query(Long.class).single() > 0) {
            throw new ProblemException.InvalidField("code", "plan.code-taken", "预案编号已存在");
        }
        long id = jdbc.sql("insert into plan (code, name, kind, current_version, updated_at) values (?, ?, ?, 1, ?) returning id")
                .params(code.strip(), name.strip(), kind.name(), Timestamp.from(clock.instant())).query(Long.class).single();
        insertVersion(id, 1, name.strip(), normalise(kind, content));
        PlanView view = get(id);
        audit.record("plan.create", "plan", id, null, view);
        return view;
    }

    /** Publishes a new version; the previous ones are kept. */
    @Transactional
    PlanView publish(long id, String name, PlanContent content) {
        PlanView before = get(id);
        requireInForce(before, "发布新版本");
        validate(before.code(), name, before.kind(), content);
        int next = before.version() + 1;
        insertVersion(id, next, name.strip(), normalise(before.kind(), content));
        jdbc.sql("update plan set name = ?, current_version = ?, updated_at = ? where id = ?")
                .params(name.strip(), next, Timestamp.from(clock.instant()), id).update();
        PlanView after = get(id);
        audit.record("plan.publish", "plan", id, before, after);
        return after;
    }

    /** Only a plan no incident ever activated can be deleted; the others are archived. */
    @Transactional
    void delete(long id) {
        PlanView before = get(id);
        long activations = jdbc.sql("select count(*) from plan_activation where plan_id = ?").param(id)
                .query(Long.class).single();
        if (activations > 0) {
            throw new ProblemException.Conflict("conflict.plan-activated", "《" + before.name() + "》已被 " + activations
                    + " 次事件启动过，只能删除从未启动的预案；请改为归档");
        }
        jdbc.sql("delete from plan where id = ?").param(id).update();
        audit.record("plan.delete", "plan", id, before, null);
    }

    /** Archives (retires) the plan, or restores it: archived, it stays readable but is neither suggested nor activatable. */
    @Transactional
    PlanView archive(long id, boolean archived) {
        PlanView before = get(id);
        if (before.archived() == archived) {
            throw archived
                    ? new ProblemException.Conflict("conflict.plan-archived", "《" + before.name() + "》已归档")
                    : new ProblemException.Conflict("conflict.plan-not-archived", "《" + before.name() + "》未归档，无需恢复");
        }
        jdbc.sql("update plan set archived_at = ?, archived_by = ? where id = ?")
                .params(archived ? Timestamp.from(clock.instant()) : null,
                        archived ? org.yingji.platform.security.CurrentUser.actorName() : null, id)
                .update();
        PlanView after = get(id);
        audit.record(archived ? "plan.archive" : "plan.restore", "plan", id, before, after);
        return after;
    }

    /** Refuses to use an archived plan for {@code what} (activation, a new version). */
    static void requireInForce(PlanView plan, String what) {
        if (plan.archived()) {
            throw new ProblemException.Conflict("conflict.plan-archived", "《" + plan.name() + "》已归档，不能" + what
                    + "；请先恢复");
        }
    }

    /** Plans in force whose scope covers the type. */
    List<PlanView> covering(IncidentType type) {
        return list(false).stream().filter(p -> p.content().scope().contains(type)).toList();
    }

    @Transactional
    AttachmentView attach(long planId, String fileName, String contentType, byte[] data) {
        get(planId);
        if (data.length == 0) {
            throw new ProblemException.InvalidField("file", "NotEmpty", "附件为空");
        }
        long id = jdbc.sql("""
                        insert into plan_attachment (plan_id, file_name, content_type, size_bytes, data, uploaded_by, uploaded_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(planId, fileName, contentType, data.length, data, org.yingji.platform.security.CurrentUser.actorName(),
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
        AttachmentView view = attachments(planId).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
        audit.record("plan.attach", "plan", planId, null, view);
        return view;
    }

    List<AttachmentView> attachments(long planId) {
        return jdbc.sql("""
                        select id, file_name, content_type, size_bytes, uploaded_by, uploaded_at from plan_attachment
                        where plan_id = ? order by id""")
                .param(planId).query(AttachmentView.class).list();
    }

    Attachment attachment(long planId, long id) {
        return jdbc.sql("select file_name, content_type, data from plan_attachment where plan_id = ? and id = ?")
                .params(planId, id).query(Attachment.class).optional()
                .orElseThrow(() -> new ProblemException.NotFound("预案附件", id));
    }

    private void insertVersion(long id, int version, String name, PlanContent content) {
        jdbc.sql("""
                        insert into plan_version (plan_id, version, name, content, published_at, published_by)
                        values (?, ?, ?, ?::jsonb, ?, ?)""")
                .params(id, version, name, json.writeValueAsString(content), Timestamp.from(clock.instant()),
                        org.yingji.platform.security.CurrentUser.actorName())
                .update();
    }

    /** The overall plan covers every type; levels are kept in order I → IV. */
    private static PlanContent normalise(Kind kind, PlanContent c) {
        List<IncidentType> scope = kind == Kind.OVERALL ? List.of(IncidentType.values()) : List.copyOf(EnumSet.copyOf(c.scope()));
        List<PlanContent.Level> levels = new ArrayList<>(c.levels());
        levels.sort(java.util.Comparator.comparing(PlanContent.Level::level));
        return new PlanContent(scope, c.purpose(), c.organisation() == null ? List.of() : c.organisation(), levels);
    }

    private static void validate(String code, String name, Kind kind, PlanContent c) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!StringUtils.hasText(code)) {
            problems.add(new FieldProblem("code", "NotBlank", "不能为空"));
        }
        if (!StringUtils.hasText(name)) {
            problems.add(new FieldProblem("name", "NotBlank", "不能为空"));
        }
        if (kind == null) {
            problems.add(new FieldProblem("kind", "NotNull", "请选择总体预案或专项预案"));
        }
        if (c == null || c.levels() == null) {
            problems.add(new FieldProblem("content.levels", "NotNull", "须包含响应分级"));
            throw new ProblemException.Invalid(problems);
        }
        if (kind == Kind.SPECIAL && (c.scope() == null || c.scope().isEmpty())) {
            problems.add(new FieldProblem("content.scope", "NotEmpty", "专项预案须写明适用的事件类型"));
        }
        Set<Grade> seen = new HashSet<>();
        for (int i = 0; i < c.levels().size(); i++) {
            PlanContent.Level level = c.levels().get(i);
            String at = "content.levels[" + i + "]";
            if (level.level() == null || !seen.add(level.level())) {
                problems.add(new FieldProblem(at + ".level", "plan.level", "响应级别缺失或重复"));
            }
            if (!StringUtils.hasText(level.startConditions())) {
                problems.add(new FieldProblem(at + ".startConditions", "NotBlank", "须写明启动条件"));
            }
            List<PlanContent.Action> actions = level.actions() == null ? List.of() : level.actions();
            for (int j = 0; j < actions.size(); j++) {
                PlanContent.Action a = actions.get(j);
                if (!StringUtils.hasText(a.departmentName())) {
                    problems.add(new FieldProblem(at + ".actions[" + j + "].departmentName", "NotBlank", "不能为空"));
                }
                if (!StringUtils.hasText(a.action())) {
                    problems.add(new FieldProblem(at + ".actions[" + j + "].action", "NotBlank", "不能为空"));
                }
                if (a.limitMinutes() <= 0) {
                    problems.add(new FieldProblem(at + ".actions[" + j + "].limitMinutes", "Positive", "时限须为正数（分钟）"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ProblemException.Invalid(problems);
        }
    }

    private PlanView map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        PlanContent content = json.readValue(rs.getString("content"), PlanContent.class);
        Timestamp archivedAt = rs.getTimestamp("archived_at");
        return new PlanView(rs.getLong("id"), rs.getString("code"), rs.getString("name"), Kind.valueOf(rs.getString("kind")),
                rs.getInt("version"), rs.getTimestamp("published_at").toInstant(), rs.getString("published_by"), content,
                content.scope().stream().map(IncidentType::label).toList(),
                archivedAt == null ? null : archivedAt.toInstant(), rs.getString("archived_by"));
    }
}
