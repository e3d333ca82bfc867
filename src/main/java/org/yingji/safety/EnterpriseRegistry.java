package org.yingji.safety;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.region.CityExtent;
import org.yingji.platform.region.Regions;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.user.Role;
import org.yingji.platform.user.UserAccount;
import org.yingji.platform.user.UserAccounts;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import org.yingji.platform.web.ProblemException;

/** Registering enterprises, their members and their risk points; the regulator writes, the enterprise edits its own. */
@Service
class EnterpriseRegistry {

    private final Enterprises enterprises;
    private final Visibility visibility;
    private final Regions regions;
    private final CityExtent city;
    private final UserAccounts accounts;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final SafetyCache cache;

    EnterpriseRegistry(Enterprises enterprises, Visibility visibility, Regions regions, CityExtent city,
                       UserAccounts accounts, AuditLog audit, JdbcClient jdbc, SafetyCache cache) {
        this.enterprises = enterprises;
        this.visibility = visibility;
        this.regions = regions;
        this.city = city;
        this.accounts = accounts;
        this.audit = audit;
        this.jdbc = jdbc;
        this.cache = cache;
    }

    record RiskPointInput(String name, String activity, String hazardFactors, String controls, String method,
                          BigDecimal l, BigDecimal e, BigDecimal c, Integer likelihood, Integer severity) {
    }

    record RiskPointView(long id, long enterpriseId, String name, String activity, String hazardFactors,
                         String controls, String method, BigDecimal l, BigDecimal e, BigDecimal c, Integer likelihood,
                         Integer severity, BigDecimal score, RiskLevel level) {
    }

    /** A user account acting for an enterprise, without anything secret. */
    record Member(long id, String username, String displayName, String phone, String regionCode, boolean enabled) {

        static Member of(UserAccount account) {
            return new Member(account.id(), account.username(), account.displayName(), account.phone(),
                    account.regionCode(), account.enabled());
        }
    }

    EnterpriseView get(CurrentUser user, long id) {
        return enterprises.find(id, visibility.of(user, "e.id", "e.region_code"))
                .orElseThrow(() -> new ProblemException.NotFound("企业", id));
    }

    PageView<EnterpriseView> search(CurrentUser user, String q, Industry industry, String regionCode, RiskLevel level,
                                    PageRequest page) {
        return enterprises.search(visibility.of(user, "e.id", "e.region_code"), q, industry, regionCode, level, page);
    }

    @Transactional
    EnterpriseView create(CurrentUser user, Enterprises.Fields fields) {
        requireRegulator(user);
        check(user, fields, null);
        long id = enterprises.insert(fields);
        EnterpriseView created = get(user, id);
        cache.invalidate();
        audit.record("enterprise.create", "enterprise", id, null, created);
        return created;
    }

    @Transactional
    EnterpriseView update(CurrentUser user, long id, Enterprises.Fields fields) {
        EnterpriseView before = get(user, id);
        if (!Visibility.regulator(user)) {
            requireUnchangedRegistration(before, fields);
        }
        check(user, fields, id);
        enterprises.update(id, fields);
        EnterpriseView after = get(user, id);
        cache.invalidate();
        audit.record("enterprise.update", "enterprise", id, before, after);
        return after;
    }

    @Transactional
    void addMember(CurrentUser user, long enterpriseId, long userId) {
        requireRegulator(user);
        get(user, enterpriseId);
        var account = accounts.findById(userId).filter(a -> user.scope().contains(a.regionCode()))
                .orElseThrow(() -> new ProblemException.NotFound("用户", userId));
        if (account.role() != Role.ENTERPRISE_USER) {
            throw new ProblemException.InvalidField("userId", "role", "只有“企业安全管理员”角色的用户可以关联企业");
        }
        enterprises.addMember(enterpriseId, userId);
        audit.record("enterprise.add-member", "enterprise", enterpriseId, null, Map.of("userId", userId));
    }

    @Transactional
    void removeMember(CurrentUser user, long enterpriseId, long userId) {
        requireRegulator(user);
        get(user, enterpriseId);
        if (!enterprises.removeMember(enterpriseId, userId)) {
            throw new ProblemException.NotFound("企业人员", userId);
        }
        audit.record("enterprise.remove-member", "enterprise", enterpriseId, Map.of("userId", userId), null);
    }

    List<Member> members(CurrentUser user, long enterpriseId) {
        get(user, enterpriseId);
        return enterprises.memberIds(enterpriseId).stream().map(accounts::findById)
                .flatMap(java.util.Optional::stream).map(Member::of).toList();
    }

    /**
     * Accounts of role ENTERPRISE_USER in the regulator's region that could be added: regulators add members but
     * need not hold user:manage, so they search here rather than in the user administration.
     */
    PageView<Member> memberCandidates(CurrentUser user, String text, PageRequest page) {
        requireRegulator(user);
        return accounts.search(user.scope(), text, Role.ENTERPRISE_USER, null, page).map(Member::of);
    }

    List<RiskPointView> riskPoints(CurrentUser user, long enterpriseId) {
        get(user, enterpriseId);
        return jdbc.sql("select * from risk_point where enterprise_id = ? order by score desc, id")
                .param(enterpriseId).query(RiskPointView.class).list();
    }

    @Transactional
    RiskPointView addRiskPoint(CurrentUser user, long enterpriseId, RiskPointInput input) {
        get(user, enterpriseId);
        RiskAssessment.Grade grade = grade(input);
        long id = jdbc.sql("""
                        insert into risk_point (enterprise_id, name, activity, hazard_factors, controls, method, l, e, c,
                          likelihood, severity, score, level) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(enterpriseId, required("name", input.name()), input.activity(),
                        required("hazardFactors", input.hazardFactors()), required("controls", input.controls()),
                        input.method(), input.l(), input.e(), input.c(), input.likelihood(), input.severity(),
                        grade.score(), grade.level().name())
                .query(Long.class).single();
        enterprises.refreshRiskLevel(enterpriseId);
        RiskPointView created = jdbc.sql("select * from risk_point where id = ?").param(id)
                .query(RiskPointView.class).single();
        cache.invalidate();
        audit.record("risk-point.create", "risk_point", id, null, created);
        return created;
    }

    @Transactional
    void deleteRiskPoint(CurrentUser user, long enterpriseId, long riskPointId) {
        get(user, enterpriseId);
        RiskPointView before = jdbc.sql("select * from risk_point where id = ? and enterprise_id = ?")
                .params(riskPointId, enterpriseId).query(RiskPointView.class).optional()
                .orElseThrow(() -> new ProblemException.NotFound("风险点", riskPointId));
        jdbc.sql("delete from risk_point where id = ?").param(riskPointId).update();
        enterprises.refreshRiskLevel(enterpriseId);
        cache.invalidate();
        audit.record("risk-point.delete", "risk_point", riskPointId, before, null);
    }

    SafetyCache.Json layer(CurrentUser user) {
        Visibility.Condition visible = visibility.of(user, "e.id", "e.region_code");
        return cache.get("layer:" + visible.key(), () -> SafetyCache.Json.of(enterprises.layer(visible)));
    }

    private static RiskAssessment.Grade grade(RiskPointInput input) {
        if ("LEC".equals(input.method())) {
            return RiskAssessment.lec(input.l(), input.e(), input.c());
        }
        if ("MATRIX".equals(input.method())) {
            return RiskAssessment.matrix(input.likelihood(), input.severity());
        }
        throw new ProblemException.InvalidField("method", "Enum", "评价方法须为 LEC 或 MATRIX");
    }

    void check(CurrentUser user, Enterprises.Fields fields, Long id) {
        regions.requireInScope("regionCode", fields.regionCode(), user.scope());
        if (!city.contains(fields.lon(), fields.lat())) {
            throw new ProblemException.InvalidField("lon", "location.outside-city", "坐标不在自贡市范围内（WGS84）");
        }
        if (enterprises.creditCodeTaken(fields.creditCode().value(), id)) {
            throw new ProblemException.Conflict("conflict.credit-code", "统一社会信用代码 " + fields.creditCode().value()
                    + " 已登记");
        }
    }

    /**
     * An enterprise keeps its own contacts, scale, location and licences; what it is registered as (credit code,
     * name, industry, park, region) decides who regulates it, so only a regulator changes that.
     */
    private static void requireUnchangedRegistration(EnterpriseView before, Enterprises.Fields after) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        Map<String, Boolean> changed = new java.util.LinkedHashMap<>();
        changed.put("creditCode", !before.creditCode().equals(after.creditCode().value()));
        changed.put("name", !before.name().equals(after.name()));
        changed.put("industry", before.industry() != after.industry());
        // both edges (form and import) store a blank park as null, so plain equality compares them
        changed.put("park", !java.util.Objects.equals(before.park(), after.park()));
        changed.put("regionCode", !before.regionCode().equals(after.regionCode()));
        changed.forEach((field, isChanged) -> {
            if (isChanged) {
                problems.add(new FieldProblem(field, "enterprise.regulator-only", "企业登记信息只能由监管部门修改"));
            }
        });
        if (!problems.isEmpty()) {
            throw new ProblemException.Invalid(problems);
        }
    }

    static void requireRegulator(CurrentUser user) {
        if (!Visibility.regulator(user)) {
            throw new ProblemException.Forbidden("auth.forbidden", "只有监管人员可以执行此操作");
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ProblemException.InvalidField(field, "NotBlank", "不能为空");
        }
        return value.strip();
    }
}
