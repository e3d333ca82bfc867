package org.yingji.safety;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.yingji.platform.time.BeijingTime;
import org.springframework.transaction.annotation.Transactional;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.notify.Notifications;

/**
 * Watches rectification deadlines: a day before, the enterprise is reminded; once overdue, the hazard is
 * escalated to the supervising department (the listing unit, else the county's emergency bureau) and the
 * county's regulators. Each happens once per hazard.
 */
@Component
class HazardDeadlines {

    static final Duration REMIND_BEFORE = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(HazardDeadlines.class);

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final AuditLog audit;
    private final Clock clock;
    private final SafetyCache cache;

    HazardDeadlines(JdbcClient jdbc, Notifications notifications, AuditLog audit, Clock clock, SafetyCache cache) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.audit = audit;
        this.clock = clock;
        this.cache = cache;
    }

    record Due(long id, String title, long enterpriseId, String regionCode, Long listingDepartmentId,
               Instant deadline) {
    }

    @Scheduled(fixedDelayString = "${yingji.safety.deadline-check:PT1M}")
    @Transactional
    public void check() {
        Instant now = clock.instant();
        for (Due due : due("reminded_at is null and h.deadline > ? and h.deadline <= ?", now, now.plus(REMIND_BEFORE))) {
            jdbc.sql("update safety_hazard set reminded_at = ? where id = ?").params(Timestamp.from(now), due.id()).update();
            notifications.send(enterpriseMembers(due), "隐患整改即将到期", "隐患「" + due.title() + "」的整改期限为 "
                    + BeijingTime.minutes(due.deadline()) + "（北京时间），请按期完成整改并申请验收", "/safety/hazards/" + due.id());
        }
        for (Due due : due("escalated_at is null and h.deadline <= ?", now)) {
            jdbc.sql("update safety_hazard set escalated_at = ? where id = ?").params(Timestamp.from(now), due.id()).update();
            jdbc.sql("insert into safety_hazard_step (hazard_id, at, actor, action, note) values (?, ?, 'system', 'escalate', ?)")
                    .params(due.id(), Timestamp.from(now), "整改逾期，已上报督办单位").update();
            Set<Long> recipients = new LinkedHashSet<>(supervisors(due));
            recipients.addAll(enterpriseMembers(due));
            notifications.send(recipients, "隐患整改逾期", "隐患「" + due.title() + "」已超过整改期限，请督促整改",
                    "/safety/hazards/" + due.id());
            audit.recordAs("system", "510300", "hazard.escalate", "safety_hazard", due.id(), null,
                    java.util.Map.of("notified", recipients.size()));
            cache.invalidate();
            log.info("Hazard {} overdue: escalated to {} users", due.id(), recipients.size());
        }
    }

    private List<Due> due(String condition, Object... params) {
        return jdbc.sql("""
                        select h.id, h.title, h.enterprise_id, h.region_code, h.listing_department_id, h.deadline
                        from safety_hazard h where h.state <> 'CLOSED' and h.deadline is not null and\s""" + condition
                        + " order by h.id limit 1000")
                .params(java.util.Arrays.stream(params).map(p -> p instanceof Instant i ? Timestamp.from(i) : p).toList())
                .query(Due.class).list();
    }

    private List<Long> enterpriseMembers(Due due) {
        return jdbc.sql("select user_id from enterprise_member where enterprise_id = ?").param(due.enterpriseId())
                .query(Long.class).list();
    }

    /** The listing department's members, else the county emergency bureau's, plus the county's regulators. */
    private List<Long> supervisors(Due due) {
        String county = due.regionCode().substring(0, 6);
        return jdbc.sql("""
                        select u.id from app_user u left join department d on d.id = u.department_id
                        where u.enabled and (
                          (cast(? as bigint) is not null and u.department_id = ?)
                          or (cast(? as bigint) is null and d.code = ?)
                          or (u.role in ('ADMIN', 'INSPECTOR') and u.region_code = ?))""")
                .params(due.listingDepartmentId(), due.listingDepartmentId(), due.listingDepartmentId(),
                        "YJJ-" + county, county)
                .query(Long.class).list();
    }
}
