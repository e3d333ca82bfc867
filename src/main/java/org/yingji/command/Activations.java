package org.yingji.command;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;

/**
 * Activating a plan for an incident at a response level: the level's action cards become department tasks with
 * deadlines. Raising the level adds the new level's tasks and keeps the lower ones; lowering it marks the open
 * tasks of the higher level superseded.
 */
@Service
class Activations {

    record Suggestion(long planId, String planName, String planKind, int version, Grade suggestedLevel,
                      String startConditions, boolean active, Grade activeLevel) {
    }

    record ActivationView(long id, long incidentId, long planId, int planVersion, String planName, Grade level,
                          boolean active, Instant activatedAt, String activatedBy) {
    }

    record TaskView(long id, long incidentId, Long activationId, Grade level, String departmentCode,
                    String departmentName, String action, Instant deadline, String status, String note, boolean overdue,
                    Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final Incidents incidents;
    private final Plans plans;
    private final Timeline timeline;
    private final AuditLog audit;
    private final Clock clock;

    Activations(JdbcClient jdbc, Incidents incidents, Plans plans, Timeline timeline, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.plans = plans;
        this.timeline = timeline;
        this.audit = audit;
        this.clock = clock;
    }

    /** Plans covering the incident's type, special plans first, with the level its grade suggests. */
    List<Suggestion> suggestions(CurrentUser user, long incidentId) {
        Incidents.Row incident = incidents.visibleRow(user, incidentId);
        Grade grade = incident.grade() == null ? Grade.IV : Grade.valueOf(incident.grade());
        List<ActivationView> current = of(incidentId);
        return plans.covering(IncidentType.valueOf(incident.type())).stream()
                .sorted(java.util.Comparator.comparing(p -> p.kind() == Plans.Kind.OVERALL))
                .map(p -> {
                    PlanContent.Level level = p.content().level(grade);
                    ActivationView active = current.stream().filter(a -> a.active() && a.planId() == p.id()).findFirst().orElse(null);
                    return new Suggestion(p.id(), p.name(), p.kind().name(), p.version(), grade,
                            level == null ? null : level.startConditions(), active != null,
                            active == null ? null : active.level());
                }).toList();
    }

    List<ActivationView> of(long incidentId) {
        return jdbc.sql("select * from plan_activation where incident_id = ? order by id").param(incidentId)
                .query(ActivationView.class).list();
    }

    /** Activates the plan at the level, or moves an active activation of the same plan to the level. */
    @Transactional
    ActivationView activate(CurrentUser user, long incidentId, long planId, Grade level) {
        Incidents.Row incident = incidents.active(user, incidentId);
        IncidentType type = IncidentType.valueOf(incident.type());
        Plans.PlanView plan = plans.get(planId);
        Plans.requireInForce(plan, "启动");
        if (!plan.content().scope().contains(type)) {
            throw new ProblemException.Conflict("conflict.plan-scope", "《" + plan.name() + "》不适用于" + type.label()
                    + "（适用：" + String.join("、", plan.scopeLabels()) + "）");
        }
        if (plan.content().level(level) == null) {
            throw new ProblemException.InvalidField("level", "plan.level-missing", "该预案没有 " + level.level() + " 响应");
        }
        Instant now = clock.instant();
        ActivationView existing = of(incidentId).stream().filter(a -> a.active() && a.planId() == planId).findFirst().orElse(null);
        long id;
        if (existing == null) {
            id = jdbc.sql("""
                            insert into plan_activation (incident_id, plan_id, plan_version, plan_name, level, activated_at, activated_by)
                            values (?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(incidentId, planId, plan.version(), plan.name(), level.name(), Timestamp.from(now), user.username())
                    .query(Long.class).single();
            int created = createTasks(incidentId, id, plan, level, now);
            timeline.add(incidentId, Timeline.Kind.ACTIVATION, "启动《" + plan.name() + "》" + level.level() + "应急响应",
                    "第 " + plan.version() + " 版；生成 " + created + " 项部门任务", null);
        } else {
            if (existing.level() == level) {
                throw new ProblemException.Conflict("conflict.same-level", "《" + plan.name() + "》已处于 " + level.level() + " 响应");
            }
            id = existing.id();
            jdbc.sql("update plan_activation set level = ? where id = ?").params(level.name(), id).update();
            String change;
            if (level.above(existing.level())) {
                int created = createTasks(incidentId, id, plan, level, now);
                change = "提升至 " + level.level() + "，新增 " + created + " 项任务，原有任务保留";
            } else {
                int superseded = jdbc.sql("""
                                update command_task set status = 'SUPERSEDED', updated_at = ? where activation_id = ?
                                and status in ('PENDING', 'IN_PROGRESS') and level < ?""")
                        .params(Timestamp.from(now), id, level.name()).update();
                int created = jdbc.sql("select count(*) from command_task where activation_id = ? and level = ?")
                        .params(id, level.name()).query(Long.class).single() == 0
                        ? createTasks(incidentId, id, plan, level, now) : 0;
                change = "降至 " + level.level() + "，" + superseded + " 项高级别未完成任务标记为已调整"
                        + (created > 0 ? "，新增 " + created + " 项任务" : "");
            }
            timeline.add(incidentId, Timeline.Kind.ACTIVATION, "调整《" + plan.name() + "》响应级别：" + existing.level().level()
                    + " → " + level.level(), change, null);
        }
        incidents.responding(incidentId, level);
        ActivationView view = of(incidentId).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
        audit.record(existing == null ? "plan.activate" : "plan.change-level", "plan_activation", id, existing, view);
        return view;
    }

    private int createTasks(long incidentId, long activationId, Plans.PlanView plan, Grade level, Instant now) {
        List<PlanContent.Action> actions = plan.content().level(level).actions();
        for (PlanContent.Action a : actions) {
            jdbc.sql("""
                            insert into command_task (incident_id, activation_id, level, department_code, department_name, action,
                                deadline, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(incidentId, activationId, level.name(), a.departmentCode(), a.departmentName(), a.action(),
                            Timestamp.from(now.plusSeconds(a.limitMinutes() * 60L)), Timestamp.from(now), Timestamp.from(now))
                    .update();
        }
        return actions.size();
    }

    List<TaskView> tasks(CurrentUser user, long incidentId, String department) {
        incidents.visibleRow(user, incidentId);
        return jdbc.sql("""
                        select * from command_task where incident_id = ? and (cast(? as text) is null or department_name = ?)
                        order by department_name, deadline nulls last, id""")
                .params(incidentId, department, department).query(this::mapTask).list();
    }

    /** A task added by hand (not from a plan), e.g. an instruction of the commander. */
    @Transactional
    TaskView addTask(CurrentUser user, long incidentId, String departmentName, String action, Instant deadline) {
        incidents.active(user, incidentId);
        if (departmentName == null || departmentName.isBlank()) {
            throw new ProblemException.InvalidField("departmentName", "NotBlank", "不能为空");
        }
        if (action == null || action.isBlank()) {
            throw new ProblemException.InvalidField("action", "NotBlank", "不能为空");
        }
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into command_task (incident_id, department_name, action, deadline, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(incidentId, departmentName.strip(), action.strip(), deadline == null ? null : Timestamp.from(deadline),
                        Timestamp.from(now), Timestamp.from(now)).query(Long.class).single();
        TaskView view = task(id);
        timeline.add(incidentId, Timeline.Kind.TASK, "下达任务：" + view.departmentName(), view.action(), null);
        audit.record("task.create", "command_task", id, null, view);
        return view;
    }

    @Transactional
    TaskView updateTask(CurrentUser user, long incidentId, long taskId, String status, String note) {
        incidents.active(user, incidentId);
        TaskView before = task(taskId);
        if (before.incidentId() != incidentId) {
            throw new ProblemException.NotFound("任务", taskId);
        }
        if (status != null && !List.of("PENDING", "IN_PROGRESS", "DONE").contains(status)) {
            throw new ProblemException.InvalidField("status", "task.status", "状态须为 PENDING、IN_PROGRESS 或 DONE");
        }
        jdbc.sql("update command_task set status = coalesce(?, status), note = coalesce(?, note), updated_at = ? where id = ?")
                .params(status, note, Timestamp.from(clock.instant()), taskId).update();
        TaskView after = task(taskId);
        timeline.add(incidentId, Timeline.Kind.TASK, "任务" + statusLabel(after.status()) + "：" + after.departmentName(),
                after.action() + (note == null ? "" : "；备注：" + note), null);
        audit.record("task.update", "command_task", taskId, before, after);
        return after;
    }

    static String statusLabel(String status) {
        return switch (status) {
            case "PENDING" -> "待办";
            case "IN_PROGRESS" -> "处置中";
            case "DONE" -> "已完成";
            default -> "已调整";
        };
    }

    private TaskView task(long id) {
        return jdbc.sql("select * from command_task where id = ?").param(id).query(this::mapTask).optional()
                .orElseThrow(() -> new ProblemException.NotFound("任务", id));
    }

    private TaskView mapTask(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp deadline = rs.getTimestamp("deadline");
        String status = rs.getString("status");
        boolean open = status.equals("PENDING") || status.equals("IN_PROGRESS");
        String level = rs.getString("level");
        return new TaskView(rs.getLong("id"), rs.getLong("incident_id"), (Long) rs.getObject("activation_id"),
                level == null ? null : Grade.valueOf(level), rs.getString("department_code"), rs.getString("department_name"),
                rs.getString("action"), deadline == null ? null : deadline.toInstant(), status, rs.getString("note"),
                open && deadline != null && clock.instant().isAfter(deadline.toInstant()),
                rs.getTimestamp("updated_at").toInstant());
    }
}
