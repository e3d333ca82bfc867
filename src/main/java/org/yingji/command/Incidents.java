package org.yingji.command;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.region.CityExtent;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import org.yingji.platform.web.ProblemException;

/**
 * Incidents from intake to close-out: opening (by phone, from an alarm, from a public report), the state machine
 * OPEN → RESPONDING → CLOSED, grading from the loss figures with a manual override.
 */
@Service
public class Incidents {

    /** First report deadlines: 1 h for production-safety accidents (国务院令第493号 第九条), 2 h for natural disasters
     * (《自然灾害情况统计调查制度》 县级首报时限). */
    static Duration firstReportLimit(IncidentType type) {
        return type.category() == IncidentType.Category.ACCIDENT ? Duration.ofHours(1) : Duration.ofHours(2);
    }

    enum Source { PHONE, ALARM, PUBLIC_REPORT }

    /** What intake knows about a new incident. */
    record Intake(String title, IncidentType type, Source source, String sourceRef, String regionCode, double lon,
                  double lat, String address, Instant occurredAt, String reporter, String reporterPhone,
                  String description) {
    }

    record Row(long id, String title, String type, String source, String sourceRef, String regionCode,
                       double lon, double lat, String address, Instant occurredAt, Instant reportedAt, String reporter,
                       String reporterPhone, String description, String state, String grade, String computedGrade,
                       String gradeRule, String gradeOverrideReason, String responseLevel, Instant closedAt,
                       String closeSummary) {
    }

    private final JdbcClient jdbc;
    private final Regions regions;
    private final CityExtent city;
    private final AuditLog audit;
    private final Timeline timeline;
    private final LossFigures lossFigures;
    private final Clock clock;

    Incidents(JdbcClient jdbc, Regions regions, CityExtent city, AuditLog audit, Timeline timeline,
              LossFigures lossFigures, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.city = city;
        this.audit = audit;
        this.timeline = timeline;
        this.lossFigures = lossFigures;
        this.clock = clock;
    }

    @Transactional
    IncidentView open(CurrentUser user, Intake in) {
        List<FieldProblem> problems = new ArrayList<>();
        FieldProblem region = regions.scopeProblem("regionCode", in.regionCode(), user.scope());
        if (region != null) {
            problems.add(region);
        }
        if (!city.contains(in.lon(), in.lat())) {
            problems.add(new FieldProblem("lon", "city.outside", "位置不在本市范围内"));
        }
        Instant now = clock.instant();
        if (in.occurredAt().isAfter(now.plusSeconds(300))) {
            problems.add(new FieldProblem("occurredAt", "PastOrPresent", "发生时间不能晚于现在"));
        }
        if (!problems.isEmpty()) {
            throw new ProblemException.Invalid(problems);
        }
        Grading.Decision decision = Grading.grade(in.type(), Losses.NONE);
        long id = jdbc.sql("""
                        insert into incident (title, type, source, source_ref, region_code, lon, lat, address, occurred_at,
                            reported_at, reporter, reporter_phone, description, grade, computed_grade, grade_rule,
                            created_by, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(in.title(), in.type().name(), in.source().name(), in.sourceRef(), in.regionCode(), in.lon(),
                        in.lat(), in.address(), Timestamp.from(in.occurredAt()), Timestamp.from(now), in.reporter(),
                        in.reporterPhone(), in.description(), decision.grade().name(), decision.grade().name(),
                        decision.rule(), user.username(), Timestamp.from(now), Timestamp.from(now))
                .query(Long.class).single();
        String how = switch (in.source()) {
            case PHONE -> "电话接报";
            case ALARM -> "监测预警报警转入（报警 " + in.sourceRef() + "）";
            case PUBLIC_REPORT -> "群众报告转入（" + in.sourceRef() + "）";
        };
        timeline.add(id, Timeline.Kind.INTAKE, "接报立案：" + in.title(),
                how + "；类型 " + in.type().label() + "；报告人 " + in.reporter() + "；初定 " + decision.rule(), null);
        IncidentView view = view(row(id).orElseThrow());
        audit.record("incident.open", "incident", id, null, view);
        return view;
    }

    IncidentView get(CurrentUser user, long id) {
        return view(visibleRow(user, id));
    }

    /** The incident's row when the user's scope covers it; 404 otherwise (existence is not disclosed). */
    Row visibleRow(CurrentUser user, long id) {
        return row(id).filter(r -> user.scope().contains(r.regionCode()))
                .orElseThrow(() -> new ProblemException.NotFound("事件", id));
    }

    /** For other parts of the module: checks the scope and that the incident is not closed. */
    Row active(CurrentUser user, long id) {
        Row row = visibleRow(user, id);
        if ("CLOSED".equals(row.state())) {
            throw new ProblemException.Conflict("conflict.incident-closed", "事件已结束，不能再处置");
        }
        return row;
    }

    IncidentType typeOf(Row row) {
        return IncidentType.valueOf(row.type());
    }

    PageView<IncidentView> search(CurrentUser user, String state, IncidentType type, String q, PageRequest page) {
        StringBuilder where = new StringBuilder(" where region_code like ?");
        List<Object> params = new ArrayList<>(List.of(user.scope().likePattern()));
        if (StringUtils.hasText(state)) {
            where.append(" and state = ?");
            params.add(state);
        }
        if (type != null) {
            where.append(" and type = ?");
            params.add(type.name());
        }
        if (StringUtils.hasText(q)) {
            where.append(" and (title ilike ? or address ilike ?)");
            String like = "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.addAll(List.of(like, like));
        }
        long total = jdbc.sql("select count(*) from incident" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.addAll(List.of(page.size(), page.offset()));
        List<IncidentView> items = jdbc.sql("select * from incident" + where + " order by occurred_at desc, id desc limit ? offset ?")
                .params(pageParams).query(Row.class).list().stream().map(this::view).toList();
        return new PageView<>(items, total, page.page(), page.size());
    }

    /** Open incidents within a scope, for the duty handover. */
    List<IncidentView> unclosed(RegionScope scope) {
        return jdbc.sql("select * from incident where state <> 'CLOSED' and region_code like ? order by occurred_at")
                .param(scope.likePattern()).query(Row.class).list().stream().map(this::view).toList();
    }

    /** Recomputes the grade from the current loss figures; an override stays in force but the computed grade moves. */
    void regrade(long id) {
        Row row = row(id).orElseThrow();
        Grading.Decision decision = Grading.grade(typeOf(row), lossFigures.total(id));
        boolean overridden = row.gradeOverrideReason() != null;
        String grade = overridden ? row.grade() : decision.grade().name();
        if (decision.grade().name().equals(row.computedGrade()) && decision.rule().equals(row.gradeRule())) {
            return;
        }
        jdbc.sql("update incident set grade = ?, computed_grade = ?, grade_rule = ?, updated_at = ? where id = ?")
                .params(grade, decision.grade().name(), decision.rule(), Timestamp.from(clock.instant()), id).update();
        if (!decision.grade().name().equals(row.computedGrade())) {
            timeline.add(id, Timeline.Kind.GRADE, "事件分级：" + decision.grade().label() + "（" + decision.grade().level() + "）",
                    decision.rule() + (overridden ? "；人工认定的 " + Grade.valueOf(row.grade()).level() + " 仍然有效" : ""),
                    null);
        }
    }

    @Transactional
    IncidentView overrideGrade(CurrentUser user, long id, Grade grade, String reason) {
        Row before = active(user, id);
        if (!StringUtils.hasText(reason)) {
            throw new ProblemException.InvalidField("reason", "NotBlank", "人工调整等级必须说明理由");
        }
        jdbc.sql("update incident set grade = ?, grade_override_reason = ?, updated_at = ? where id = ?")
                .params(grade.name(), reason.strip(), Timestamp.from(clock.instant()), id).update();
        timeline.add(id, Timeline.Kind.GRADE, "人工认定等级：" + grade.label() + "（" + grade.level() + "）",
                "理由：" + reason.strip() + "；计算结果 " + Grade.valueOf(before.computedGrade()).level(), null);
        IncidentView after = view(row(id).orElseThrow());
        audit.record("incident.grade-override", "incident", id, view(before), after);
        return after;
    }

    /** OPEN → RESPONDING when a plan is activated. */
    void responding(long id, Grade level) {
        jdbc.sql("update incident set state = 'RESPONDING', response_level = ?, updated_at = ? where id = ?")
                .params(level == null ? null : level.name(), Timestamp.from(clock.instant()), id).update();
    }

    @Transactional
    IncidentView close(CurrentUser user, long id, String summary) {
        Row before = active(user, id);
        if (!StringUtils.hasText(summary)) {
            throw new ProblemException.InvalidField("summary", "NotBlank", "结束响应须填写处置情况小结");
        }
        Instant now = clock.instant();
        jdbc.sql("update incident set state = 'CLOSED', closed_at = ?, close_summary = ?, updated_at = ? where id = ?")
                .params(Timestamp.from(now), summary.strip(), Timestamp.from(now), id).update();
        jdbc.sql("update plan_activation set active = false where incident_id = ?").param(id).update();
        timeline.add(id, Timeline.Kind.STATE, "结束应急响应", summary.strip(), null);
        IncidentView after = view(row(id).orElseThrow());
        audit.record("incident.close", "incident", id, view(before), after);
        return after;
    }

    private Optional<Row> row(long id) {
        return jdbc.sql("select * from incident where id = ?").param(id).query(Row.class).optional();
    }

    IncidentView view(Row r) {
        IncidentType type = IncidentType.valueOf(r.type());
        Instant deadline = r.occurredAt().plus(firstReportLimit(type));
        Instant firstAt = lossFigures.firstReportAt(r.id());
        boolean overdue = firstAt == null ? clock.instant().isAfter(deadline) : firstAt.isAfter(deadline);
        Grade grade = r.grade() == null ? null : Grade.valueOf(r.grade());
        return new IncidentView(r.id(), r.title(), type, type.label(), type.category().label(), r.source(), r.sourceRef(),
                r.regionCode(), regions.nameOf(r.regionCode()), r.lon(), r.lat(), r.address(), r.occurredAt(),
                r.reportedAt(), r.reporter(), r.reporterPhone(), r.description(), r.state(), grade,
                grade == null ? null : grade.label() + "（" + grade.level() + "）",
                r.computedGrade() == null ? null : Grade.valueOf(r.computedGrade()), r.gradeRule(),
                r.gradeOverrideReason(), r.responseLevel() == null ? null : Grade.valueOf(r.responseLevel()),
                r.closedAt(), r.closeSummary(), deadline, firstAt, overdue, lossFigures.total(r.id()));
    }
}
