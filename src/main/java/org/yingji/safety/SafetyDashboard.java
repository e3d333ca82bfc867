package org.yingji.safety;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.yingji.platform.region.Regions;
import org.yingji.platform.security.CurrentUser;

/**
 * The regulator's figures: open, overdue and major hazards and the rectification rate per county and per
 * industry, and reported/closed per month. One aggregate query each over the visible hazards.
 */
@Service
class SafetyDashboard {

    private final JdbcClient jdbc;
    private final Visibility visibility;
    private final Regions regions;
    private final Clock clock;
    private final SafetyCache cache;

    SafetyDashboard(JdbcClient jdbc, Visibility visibility, Regions regions, Clock clock, SafetyCache cache) {
        this.jdbc = jdbc;
        this.visibility = visibility;
        this.regions = regions;
        this.clock = clock;
        this.cache = cache;
    }

    /** Counts of one group; rectificationRate = closed / confirmed-or-later (0–1, null when none). */
    record Figures(String key, String name, long total, long open, long overdue, long major, long majorOpen,
                   long listed, long closed, Double rectificationRate) {
    }

    record Month(String month, long reported, long closed) {
    }

    record Dashboard(Figures totals, List<Figures> byCounty, List<Figures> byIndustry, List<Month> trend,
                     Map<String, Long> enterprisesByRisk) {
    }

    /** The figures, from the cache when nothing changed in the last minute (see {@link SafetyCache}). */
    Dashboard of(CurrentUser user) {
        Visibility.Condition visible = visibility.of(user, "h.enterprise_id", "h.region_code");
        return cache.get("dashboard:" + visible.key(), () -> compute(user, visible));
    }

    private Dashboard compute(CurrentUser user, Visibility.Condition visible) {
        Timestamp now = Timestamp.from(clock.instant());
        String figures = """
                count(*) as total,
                count(*) filter (where state <> 'CLOSED') as open,
                count(*) filter (where state <> 'CLOSED' and deadline < ?) as overdue,
                count(*) filter (where grade = 'MAJOR') as major,
                count(*) filter (where grade = 'MAJOR' and state <> 'CLOSED') as major_open,
                count(*) filter (where listed) as listed,
                count(*) filter (where state = 'CLOSED') as closed,
                count(*) filter (where state <> 'REPORTED') as confirmed""";
        var totals = jdbc.sql("select " + figures + " from safety_hazard h where " + visible.sql())
                .params(now, visible.parameter())
                .query((rs, n) -> figures("ALL", "合计", rs)).single();
        List<Figures> byCounty = jdbc.sql("select substr(region_code, 1, 6) as key, " + figures
                        + " from safety_hazard h where " + visible.sql() + " group by 1 order by 1")
                .params(now, visible.parameter())
                .query((rs, n) -> figures(rs.getString("key"), regions.nameOf(rs.getString("key")), rs)).list();
        List<Figures> byIndustry = jdbc.sql("select industry as key, " + figures
                        + " from safety_hazard h where " + visible.sql() + " group by 1 order by 1")
                .params(now, visible.parameter())
                .query((rs, n) -> figures(rs.getString("key"), Industry.valueOf(rs.getString("key")).label(), rs)).list();
        List<Month> trend = jdbc.sql("""
                        with months as (
                          select to_char(date_trunc('month', reported_at at time zone 'Asia/Shanghai'), 'YYYY-MM') as month,
                                 1 as reported, 0 as closed from safety_hazard h where\s""" + visible.sql() + "\n" + """
                          union all
                          select to_char(date_trunc('month', closed_at at time zone 'Asia/Shanghai'), 'YYYY-MM'), 0, 1
                          from safety_hazard h where closed_at is not null and\s""" + visible.sql() + "\n" + """
                        )
                        select month, sum(reported) as reported, sum(closed) as closed from months
                        group by month order by month desc limit 12""")
                .params(visible.parameter(), visible.parameter()).query(Month.class).list();
        trend = new java.util.ArrayList<>(trend);
        java.util.Collections.reverse(trend);
        Visibility.Condition enterprises = visibility.of(user, "e.id", "e.region_code");
        Map<String, Long> byRisk = new java.util.LinkedHashMap<>();
        for (RiskLevel level : RiskLevel.values()) {
            byRisk.put(level.name(), 0L);
        }
        byRisk.put("NONE", 0L);
        jdbc.sql("select coalesce(risk_level, 'NONE') as level, count(*) as n from enterprise e where "
                        + enterprises.sql() + " group by 1")
                .param(enterprises.parameter())
                .query(rs -> {
                    byRisk.put(rs.getString("level"), rs.getLong("n"));
                });
        return new Dashboard(totals, byCounty, byIndustry, trend, byRisk);
    }

    private static Figures figures(String key, String name, java.sql.ResultSet rs) throws java.sql.SQLException {
        long confirmed = rs.getLong("confirmed");
        long closed = rs.getLong("closed");
        return new Figures(key, name, rs.getLong("total"), rs.getLong("open"), rs.getLong("overdue"),
                rs.getLong("major"), rs.getLong("major_open"), rs.getLong("listed"), closed,
                confirmed == 0 ? null : (double) closed / confirmed);
    }
}
