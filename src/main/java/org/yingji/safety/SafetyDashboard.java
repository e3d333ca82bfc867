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
        // One scan for the totals, the counties, the industries and both month series.
        List<Figures> byCounty = new java.util.ArrayList<>();
        List<Figures> byIndustry = new java.util.ArrayList<>();
        Map<Integer, long[]> months = new java.util.TreeMap<>();
        Figures[] totals = new Figures[1];
        jdbc.sql("select county_code, industry, reported_month, closed_month, grouping(county_code) as g_county,"
                        + " grouping(industry) as g_industry, grouping(reported_month) as g_reported,"
                        + " grouping(closed_month) as g_closed, " + figures + " from safety_hazard h where " + visible.sql()
                        + " group by grouping sets ((), (county_code), (industry), (reported_month), (closed_month))")
                .params(now, visible.parameter())
                .query(rs -> {
                    if (rs.getInt("g_county") == 0) {
                        String county = rs.getString("county_code");
                        byCounty.add(figures(county, regions.nameOf(county), rs));
                    } else if (rs.getInt("g_industry") == 0) {
                        String industry = rs.getString("industry");
                        byIndustry.add(figures(industry, Industry.valueOf(industry).label(), rs));
                    } else if (rs.getInt("g_reported") == 0) {
                        months.computeIfAbsent(rs.getInt("reported_month"), m -> new long[2])[0] = rs.getLong("total");
                    } else if (rs.getInt("g_closed") == 0) {
                        if (rs.getObject("closed_month") != null) {
                            months.computeIfAbsent(rs.getInt("closed_month"), m -> new long[2])[1] = rs.getLong("total");
                        }
                    } else {
                        totals[0] = figures("ALL", "合计", rs);
                    }
                });
        byCounty.sort(java.util.Comparator.comparing(Figures::key));
        byIndustry.sort(java.util.Comparator.comparing(Figures::key));
        List<Month> trend = months.entrySet().stream()
                .skip(Math.max(0, months.size() - 12))
                .map(e -> new Month(String.format("%d-%02d", e.getKey() / 100, e.getKey() % 100), e.getValue()[0],
                        e.getValue()[1]))
                .toList();
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
        return new Dashboard(totals[0], byCounty, byIndustry, trend, byRisk);
    }

    private static Figures figures(String key, String name, java.sql.ResultSet rs) throws java.sql.SQLException {
        long confirmed = rs.getLong("confirmed");
        long closed = rs.getLong("closed");
        return new Figures(key, name, rs.getLong("total"), rs.getLong("open"), rs.getLong("overdue"),
                rs.getLong("major"), rs.getLong("major_open"), rs.getLong("listed"), closed,
                confirmed == 0 ? null : (double) closed / confirmed);
    }
}
