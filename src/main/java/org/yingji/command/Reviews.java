package org.yingji.command;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;

/** Close-out: the review (复盘) of a closed incident and its follow-up items, tracked until each is closed. */
@Service
class Reviews {

    record FollowUp(long id, long incidentId, String item, String departmentName, LocalDate dueDate, String status,
                    Instant closedAt, String closingNote) {
    }

    record ReviewView(long incidentId, String findings, Instant reviewedAt, String reviewedBy, List<FollowUp> followUps) {
    }

    private final JdbcClient jdbc;
    private final Incidents incidents;
    private final Timeline timeline;
    private final AuditLog audit;
    private final Clock clock;

    Reviews(JdbcClient jdbc, Incidents incidents, Timeline timeline, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.timeline = timeline;
        this.audit = audit;
        this.clock = clock;
    }

    ReviewView get(CurrentUser user, long incidentId) {
        incidents.visibleRow(user, incidentId);
        return jdbc.sql("select findings, reviewed_at, reviewed_by from incident_review where incident_id = ?")
                .param(incidentId)
                .query((rs, n) -> new ReviewView(incidentId, rs.getString("findings"), rs.getTimestamp("reviewed_at").toInstant(),
                        rs.getString("reviewed_by"), followUps(incidentId)))
                .optional().orElse(new ReviewView(incidentId, null, null, null, followUps(incidentId)));
    }

    @Transactional
    ReviewView review(CurrentUser user, long incidentId, String findings) {
        Incidents.Row incident = incidents.visibleRow(user, incidentId);
        if (!"CLOSED".equals(incident.state())) {
            throw new ProblemException.Conflict("conflict.incident-not-closed", "请先结束应急响应再复盘");
        }
        if (!StringUtils.hasText(findings)) {
            throw new ProblemException.InvalidField("findings", "NotBlank", "不能为空");
        }
        ReviewView before = get(user, incidentId);
        jdbc.sql("""
                        insert into incident_review (incident_id, findings, reviewed_at, reviewed_by) values (?, ?, ?, ?)
                        on conflict (incident_id) do update set findings = excluded.findings, reviewed_at = excluded.reviewed_at,
                        reviewed_by = excluded.reviewed_by""")
                .params(incidentId, findings.strip(), Timestamp.from(clock.instant()), user.username()).update();
        timeline.add(incidentId, Timeline.Kind.NOTE, "复盘评估", findings.strip(), null);
        ReviewView after = get(user, incidentId);
        audit.record("incident.review", "incident", incidentId, before, after);
        return after;
    }

    @Transactional
    FollowUp addFollowUp(CurrentUser user, long incidentId, String item, String departmentName, LocalDate due) {
        incidents.visibleRow(user, incidentId);
        if (!StringUtils.hasText(item)) {
            throw new ProblemException.InvalidField("item", "NotBlank", "不能为空");
        }
        if (!StringUtils.hasText(departmentName)) {
            throw new ProblemException.InvalidField("departmentName", "NotBlank", "不能为空");
        }
        long id = jdbc.sql("insert into follow_up_item (incident_id, item, department_name, due_date) values (?, ?, ?, ?) returning id")
                .params(incidentId, item.strip(), departmentName.strip(), due == null ? null : Date.valueOf(due))
                .query(Long.class).single();
        FollowUp f = followUp(id);
        audit.record("follow-up.create", "follow_up_item", id, null, f);
        return f;
    }

    @Transactional
    FollowUp closeFollowUp(CurrentUser user, long incidentId, long id, String note) {
        incidents.visibleRow(user, incidentId);
        FollowUp before = followUp(id);
        if (before.incidentId() != incidentId) {
            throw new ProblemException.NotFound("整改事项", id);
        }
        if ("DONE".equals(before.status())) {
            throw new ProblemException.Conflict("conflict.follow-up-done", "该事项已销号");
        }
        if (!StringUtils.hasText(note)) {
            throw new ProblemException.InvalidField("closingNote", "NotBlank", "销号须说明落实情况");
        }
        jdbc.sql("update follow_up_item set status = 'DONE', closed_at = ?, closing_note = ? where id = ?")
                .params(Timestamp.from(clock.instant()), note.strip(), id).update();
        FollowUp after = followUp(id);
        audit.record("follow-up.close", "follow_up_item", id, before, after);
        return after;
    }

    private List<FollowUp> followUps(long incidentId) {
        return jdbc.sql("select * from follow_up_item where incident_id = ? order by id").param(incidentId)
                .query(FollowUp.class).list();
    }

    private FollowUp followUp(long id) {
        return jdbc.sql("select * from follow_up_item where id = ?").param(id).query(FollowUp.class).optional()
                .orElseThrow(() -> new ProblemException.NotFound("整改事项", id));
    }
}
