package org.yingji.safety;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.user.Departments;
import org.yingji.platform.user.UserAccounts;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import org.yingji.platform.web.ProblemException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The closed loop of a hidden hazard: reported → confirmed (grade, deadline) → rectifying (a plan with the five
 * must-haves) → submitted for acceptance → closed, or rejected back to rectifying. A major hazard may be listed for
 * supervision; it then closes only on acceptance by a member of the listing department. Nobody accepts their own
 * rectification. Every step is audited and kept on the hazard's timeline.
 */
@Service
class HazardRectification {

    static final Set<String> FOUND_BY = Set.of("SELF_INSPECTION", "INSPECTOR", "GRID_WORKER", "PUBLIC_REPORT");
    static final Set<String> CATEGORIES = Set.of("FIRE", "ELECTRICAL", "EQUIPMENT", "HAZCHEM_STORAGE", "OPERATION",
            "MANAGEMENT", "ENVIRONMENT", "OTHER");
    /** The five must-haves (五落实) of a rectification plan. */
    static final Map<String, String> MUST_HAVES = new LinkedHashMap<>(Map.of());

    static {
        MUST_HAVES.put("owner", "整改责任人");
        MUST_HAVES.put("measures", "整改措施");
        MUST_HAVES.put("funds", "整改资金");
        MUST_HAVES.put("deadline", "整改时限");
        MUST_HAVES.put("contingencyPlan", "应急预案");
    }

    private final JdbcClient jdbc;
    private final Visibility visibility;
    private final EnterpriseRegistry registry;
    private final Departments departments;
    private final UserAccounts accounts;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;
    private final SafetyCache cache;

    HazardRectification(JdbcClient jdbc, Visibility visibility, EnterpriseRegistry registry, Departments departments,
                        UserAccounts accounts, AuditLog audit, JsonMapper json, Clock clock,
                        SafetyCache cache) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.registry = registry;
        this.departments = departments;
        this.accounts = accounts;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
        this.cache = cache;
    }

    record Report(Long enterpriseId, String title, String description, String category, String foundBy, Double lon,
                  Double lat) {
    }

    record Plan(String owner, String measures, String funds, Instant deadline, String contingencyPlan) {
    }

    /** {@code open}: every state but CLOSED; {@code byDeadline}: nearest deadline first instead of newest first. */
    record HazardFilter(HazardState state, String grade, Long enterpriseId, String regionCode, Boolean overdue,
                        Boolean listed, Boolean open, boolean byDeadline) {
    }

    @Transactional
    HazardView report(CurrentUser user, Report report) {
        if (report.enterpriseId() == null) {
            throw new ProblemException.InvalidField("enterpriseId", "NotNull", "不能为空");
        }
        EnterpriseView enterprise = registry.get(user, report.enterpriseId());
        String foundBy = report.foundBy() == null ? defaultFoundBy(user) : report.foundBy();
        List<FieldProblem> problems = new ArrayList<>();
        if (!StringUtils.hasText(report.title())) {
            problems.add(new FieldProblem("title", "NotBlank", "不能为空"));
        }
        if (!StringUtils.hasText(report.description())) {
            problems.add(new FieldProblem("description", "NotBlank", "不能为空"));
        }
        if (report.category() == null || !CATEGORIES.contains(report.category())) {
            problems.add(new FieldProblem("category", "Enum", "取值不合法，可选：" + String.join("、", CATEGORIES)));
        }
        if (!FOUND_BY.contains(foundBy)) {
            problems.add(new FieldProblem("foundBy", "Enum", "取值不合法，可选：" + String.join("、", FOUND_BY)));
        }
        invalidIf(problems);
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into safety_hazard (enterprise_id, region_code, industry, title, description, category,
                          found_by, lon, lat, state, reported_by, reported_at, county_code, reported_month)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'REPORTED', ?, ?, ?, ?) returning id""")
                .params(enterprise.id(), enterprise.regionCode(), enterprise.industry().name(), report.title().strip(),
                        report.description().strip(), report.category(), foundBy,
                        report.lon() == null ? enterprise.lon() : report.lon(),
                        report.lat() == null ? enterprise.lat() : report.lat(), user.id(), Timestamp.from(now),
                        enterprise.regionCode().substring(0, 6), month(now))
                .query(Long.class).single();
        return step(user, id, null, "report", "上报隐患");
    }

    @Transactional
    HazardView confirm(CurrentUser user, long id, String grade, Instant deadline) {
        EnterpriseRegistry.requireRegulator(user);
        HazardView before = inState(user, id, HazardState.REPORTED);
        if (!"GENERAL".equals(grade) && !"MAJOR".equals(grade)) {
            throw new ProblemException.InvalidField("grade", "Enum", "隐患等级须为 GENERAL（一般）或 MAJOR（重大）");
        }
        futureDeadline("deadline", deadline);
        jdbc.sql("update safety_hazard set state = 'CONFIRMED', grade = ?, deadline = ?, updated_at = now() where id = ?")
                .params(grade, Timestamp.from(deadline), id).update();
        return step(user, id, before, "confirm", "确认为" + ("MAJOR".equals(grade) ? "重大" : "一般") + "隐患");
    }

    @Transactional
    HazardView plan(CurrentUser user, long id, Plan plan) {
        HazardView before = inState(user, id, HazardState.CONFIRMED, HazardState.RECTIFYING);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("owner", blankToNull(plan.owner()));
        values.put("measures", blankToNull(plan.measures()));
        values.put("funds", blankToNull(plan.funds()));
        values.put("deadline", plan.deadline());
        values.put("contingencyPlan", blankToNull(plan.contingencyPlan()));
        // A major hazard needs all five; a general one at least who, what and by when.
        List<String> required = "MAJOR".equals(before.grade()) ? List.copyOf(MUST_HAVES.keySet())
                : List.of("owner", "measures", "deadline");
        List<FieldProblem> problems = new ArrayList<>();
        for (String key : required) {
            if (values.get(key) == null) {
                problems.add(new FieldProblem(key, "mustHave", MUST_HAVES.get(key) + "不能为空"
                        + ("MAJOR".equals(before.grade()) ? "（重大隐患须五落实）" : "")));
            }
        }
        invalidIf(problems);
        futureDeadline("deadline", plan.deadline());
        jdbc.sql("update safety_hazard set state = 'RECTIFYING', plan = ?::jsonb, updated_at = now() where id = ?")
                .params(json.writeValueAsString(values), id).update();
        return step(user, id, before, "plan", "提交整改方案");
    }

    @Transactional
    HazardView listForSupervision(CurrentUser user, long id, String level, Long departmentId, Instant deadline) {
        EnterpriseRegistry.requireRegulator(user);
        HazardView before = get(user, id);
        if (!"MAJOR".equals(before.grade())) {
            throw new ProblemException.Conflict("conflict.not-major", "只有已确认的重大隐患可以挂牌督办");
        }
        if (before.state() == HazardState.CLOSED || before.listed()) {
            throw new ProblemException.Conflict("conflict.listing", before.listed() ? "该隐患已挂牌督办" : "隐患已销号");
        }
        if (!"CITY".equals(level) && !"COUNTY".equals(level)) {
            throw new ProblemException.InvalidField("level", "Enum", "挂牌级别须为 CITY（市级）或 COUNTY（县级）");
        }
        if (departmentId == null || departments.findById(departmentId).isEmpty()) {
            throw new ProblemException.InvalidField("departmentId", "department.unknown", "督办单位不存在");
        }
        futureDeadline("deadline", deadline);
        jdbc.sql("""
                        update safety_hazard set listed = true, listing_level = ?, listing_department_id = ?,
                          listing_deadline = ?, updated_at = now() where id = ?""")
                .params(level, departmentId, Timestamp.from(deadline), id).update();
        return step(user, id, before, "list", ("CITY".equals(level) ? "市级" : "县级") + "挂牌督办");
    }

    @Transactional
    HazardView submitForAcceptance(CurrentUser user, long id, String note) {
        HazardView before = inState(user, id, HazardState.RECTIFYING);
        jdbc.sql("update safety_hazard set state = 'SUBMITTED', rectified_by = ?, updated_at = now() where id = ?")
                .params(user.id(), id).update();
        return step(user, id, before, "submit", note == null ? "整改完成，申请验收" : note);
    }

    @Transactional
    HazardView accept(CurrentUser user, long id, String note) {
        HazardView before = checkAcceptor(user, id);
        Instant now = clock.instant();
        jdbc.sql("""
                        update safety_hazard set state = 'CLOSED', accepted_by = ?, closed_at = ?, closed_month = ?,
                          updated_at = now() where id = ?""")
                .params(user.id(), Timestamp.from(now), month(now), id).update();
        return step(user, id, before, "accept", note == null ? "验收通过，销号" : note);
    }

    @Transactional
    HazardView reject(CurrentUser user, long id, String reason) {
        HazardView before = checkAcceptor(user, id);
        if (!StringUtils.hasText(reason)) {
            throw new ProblemException.InvalidField("reason", "NotBlank", "退回须说明原因");
        }
        jdbc.sql("update safety_hazard set state = 'RECTIFYING', updated_at = now() where id = ?").param(id).update();
        return step(user, id, before, "reject", "验收不通过：" + reason.strip());
    }

    HazardView get(CurrentUser user, long id) {
        Visibility.Condition visible = visibility.of(user, "h.enterprise_id", "h.region_code");
        return jdbc.sql("""
                        select h.*, e.name as enterprise_name, d.name as department_name from safety_hazard h
                        join enterprise e on e.id = h.enterprise_id
                        left join department d on d.id = h.listing_department_id
                        where h.id = ? and\s""" + visible.sql())
                .params(id, visible.parameter()).query(this::map).optional()
                .map(this::withStepsAndPhotos)
                .orElseThrow(() -> new ProblemException.NotFound("隐患", id));
    }

    PageView<HazardView> search(CurrentUser user, HazardFilter filter, PageRequest page) {
        Visibility.Condition visible = visibility.of(user, "h.enterprise_id", "h.region_code");
        StringBuilder where = new StringBuilder(" where " + visible.sql());
        List<Object> params = new ArrayList<>(List.of(visible.parameter()));
        if (filter.state() != null) {
            where.append(" and h.state = ?");
            params.add(filter.state().name());
        }
        if (StringUtils.hasText(filter.grade())) {
            where.append(" and h.grade = ?");
            params.add(filter.grade());
        }
        if (filter.enterpriseId() != null) {
            where.append(" and h.enterprise_id = ?");
            params.add(filter.enterpriseId());
        }
        if (StringUtils.hasText(filter.regionCode())) {
            where.append(" and h.region_code like ?");
            params.add(RegionScope.of(filter.regionCode()).likePattern());
        }
        if (Boolean.TRUE.equals(filter.overdue())) {
            where.append(" and h.state <> 'CLOSED' and h.deadline < ?");
            params.add(Timestamp.from(clock.instant()));
        }
        if (Boolean.TRUE.equals(filter.open())) {
            where.append(" and h.state <> 'CLOSED'");
        }
        if (filter.listed() != null) {
            where.append(" and h.listed = ?");
            params.add(filter.listed());
        }
        String from = " from safety_hazard h join enterprise e on e.id = h.enterprise_id"
                + " left join department d on d.id = h.listing_department_id";
        long total = jdbc.sql("select count(*)" + from + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.addAll(List.of(page.size(), page.offset()));
        List<HazardView> items = jdbc.sql("select h.*, e.name as enterprise_name, d.name as department_name" + from
                        + where + (filter.byDeadline() ? " order by h.deadline nulls last, h.id" : " order by h.id desc")
                        + " limit ? offset ?")
                .params(pageParams).query(this::map).list();
        return new PageView<>(items, total, page.page(), page.size());
    }

    @Transactional
    long addPhoto(CurrentUser user, long id, String fileName, String contentType, byte[] content) {
        HazardView hazard = get(user, id);
        if (hazard.state() == HazardState.CLOSED) {
            throw new ProblemException.Conflict("conflict.closed", "隐患已销号，不能再添加照片");
        }
        if (contentType == null || !contentType.startsWith("image/")) {
            throw new ProblemException.InvalidField("file", "Format", "只能上传图片（JPEG、PNG 等）");
        }
        if (content.length > 10 * 1024 * 1024) {
            throw new ProblemException.InvalidField("file", "Size", "图片不能超过 10 MB");
        }
        long photoId = jdbc.sql("""
                        insert into safety_photo (hazard_id, file_name, content_type, content) values (?, ?, ?, ?)
                        returning id""")
                .params(id, fileName, contentType, content).query(Long.class).single();
        audit.record("hazard.photo", "safety_hazard", id, null, Map.of("photoId", photoId, "file", fileName,
                "bytes", content.length));
        return photoId;
    }

    record Photo(String contentType, byte[] content) {
    }

    Photo photo(CurrentUser user, long hazardId, long photoId) {
        get(user, hazardId);
        return jdbc.sql("select content_type, content from safety_photo where id = ? and hazard_id = ?")
                .params(photoId, hazardId).query(Photo.class).optional()
                .orElseThrow(() -> new ProblemException.NotFound("照片", photoId));
    }

    private HazardView checkAcceptor(CurrentUser user, long id) {
        EnterpriseRegistry.requireRegulator(user);
        HazardView hazard = inState(user, id, HazardState.SUBMITTED);
        if (hazard.rectifiedBy() != null && hazard.rectifiedBy() == user.id()) {
            throw new ProblemException.Conflict("conflict.self-acceptance", "整改人不能验收自己的整改");
        }
        if (hazard.listed()) {
            Long department = accounts.findById(user.id()).map(a -> a.departmentId()).orElse(null);
            if (!hazard.listingDepartmentId().equals(department)) {
                throw new ProblemException.Conflict("conflict.listing-unit",
                        "该隐患已挂牌督办，须由督办单位（" + hazard.listingDepartmentName() + "）验收");
            }
        }
        return hazard;
    }

    private HazardView inState(CurrentUser user, long id, HazardState... states) {
        HazardView hazard = get(user, id);
        for (HazardState state : states) {
            if (hazard.state() == state) {
                return hazard;
            }
        }
        throw new ProblemException.Conflict("conflict.state", "隐患当前状态为“" + hazard.stateName() + "”，不能执行此操作");
    }

    private HazardView step(CurrentUser user, long id, HazardView before, String action, String note) {
        jdbc.sql("insert into safety_hazard_step (hazard_id, at, actor, action, note) values (?, ?, ?, ?, ?)")
                .params(id, Timestamp.from(clock.instant()), CurrentUser.actorName(), action, note).update();
        cache.invalidate();
        HazardView after = get(user, id);
        audit.record("hazard." + action, "safety_hazard", id, before, after);
        return after;
    }

    private void futureDeadline(String field, Instant deadline) {
        if (deadline == null) {
            throw new ProblemException.InvalidField(field, "NotNull", "期限不能为空");
        }
        if (!deadline.isAfter(clock.instant())) {
            throw new ProblemException.InvalidField(field, "Future", "期限不能早于当前时间");
        }
    }

    private static void invalidIf(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw new ProblemException.Invalid(problems);
        }
    }

    /** yyyymm in Beijing time, the dashboard's month key. */
    static int month(Instant at) {
        var date = at.atZone(org.yingji.platform.time.BeijingTime.ZONE);
        return date.getYear() * 100 + date.getMonthValue();
    }

    private static String defaultFoundBy(CurrentUser user) {
        return switch (user.role()) {
            case ENTERPRISE_USER -> "SELF_INSPECTION";
            case GRID_WORKER -> "GRID_WORKER";
            default -> "INSPECTOR";
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private HazardView withStepsAndPhotos(HazardView h) {
        List<HazardView.Step> steps = jdbc.sql("select at, actor, action, note from safety_hazard_step where hazard_id = ? order by id")
                .param(h.id()).query(HazardView.Step.class).list();
        List<Long> photos = jdbc.sql("select id from safety_photo where hazard_id = ? order by id").param(h.id())
                .query(Long.class).list();
        return new HazardView(h.id(), h.enterpriseId(), h.enterpriseName(), h.regionCode(), h.title(), h.description(),
                h.category(), h.grade(), h.foundBy(), h.lon(), h.lat(), h.state(), h.stateName(), h.deadline(),
                h.overdue(), h.plan(), h.reportedBy(), h.rectifiedBy(), h.acceptedBy(), h.listed(), h.listingLevel(),
                h.listingDepartmentId(), h.listingDepartmentName(), h.listingDeadline(), h.escalatedAt(),
                h.reportedAt(), h.closedAt(), steps, photos);
    }

    private HazardView map(ResultSet rs, int row) throws SQLException {
        HazardState state = HazardState.valueOf(rs.getString("state"));
        Instant deadline = instant(rs.getTimestamp("deadline"));
        String plan = rs.getString("plan");
        return new HazardView(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getString("enterprise_name"),
                rs.getString("region_code"), rs.getString("title"), rs.getString("description"),
                rs.getString("category"), rs.getString("grade"), rs.getString("found_by"),
                (Double) rs.getObject("lon"), (Double) rs.getObject("lat"), state, state.label(), deadline,
                state != HazardState.CLOSED && deadline != null && deadline.isBefore(clock.instant()),
                plan == null ? null : json.readValue(plan, new TypeReference<Map<String, Object>>() {
                }), rs.getLong("reported_by"), (Long) rs.getObject("rectified_by"),
                (Long) rs.getObject("accepted_by"), rs.getBoolean("listed"), rs.getString("listing_level"),
                (Long) rs.getObject("listing_department_id"), rs.getString("department_name"),
                instant(rs.getTimestamp("listing_deadline")), instant(rs.getTimestamp("escalated_at")),
                instant(rs.getTimestamp("reported_at")), instant(rs.getTimestamp("closed_at")), List.of(), List.of());
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
