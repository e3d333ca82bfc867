package org.yingji.command;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The loss figures in force: per township the latest report (首报, superseded by 续报, finally 核报), summed up to
 * county and city.
 */
@Service
class LossFigures {

    /** Latest figures of one region (a township, or a county/the city as a sum). */
    record RegionLosses(String regionCode, String regionName, Losses losses) {
    }

    private static final String LATEST = """
            select distinct on (region_code) * from loss_report where incident_id = ?
            order by region_code, reported_at desc, id desc""";
    private static final String SUMS = """
            coalesce(sum(affected), 0) as affected, coalesce(sum(dead), 0) as dead, coalesce(sum(missing), 0) as missing,
            coalesce(sum(injured), 0) as injured, coalesce(sum(seriously_injured), 0) as seriously_injured,
            coalesce(sum(evacuated), 0) as evacuated, coalesce(sum(houses_collapsed), 0) as houses_collapsed,
            coalesce(sum(houses_damaged), 0) as houses_damaged, coalesce(sum(direct_loss_yuan), 0) as direct_loss_yuan""";

    private final JdbcClient jdbc;
    private final org.yingji.platform.region.Regions regions;

    LossFigures(JdbcClient jdbc, org.yingji.platform.region.Regions regions) {
        this.jdbc = jdbc;
        this.regions = regions;
    }

    Losses total(long incidentId) {
        return jdbc.sql("select " + SUMS + " from (" + LATEST + ") latest").param(incidentId).query(Losses.class).single();
    }

    /** By township, then by county (first six digits of the code). */
    List<RegionLosses> byRegion(long incidentId, boolean county) {
        String key = county ? "left(region_code, 6)" : "region_code";
        return jdbc.sql("select " + key + " as code, " + SUMS + " from (" + LATEST + ") latest group by 1 order by 1")
                .param(incidentId)
                .query((rs, n) -> new RegionLosses(rs.getString("code"), regions.nameOf(rs.getString("code")),
                        new Losses(rs.getInt("affected"), rs.getInt("dead"), rs.getInt("missing"), rs.getInt("injured"),
                                rs.getInt("seriously_injured"), rs.getInt("evacuated"), rs.getInt("houses_collapsed"),
                                rs.getInt("houses_damaged"), rs.getBigDecimal("direct_loss_yuan"))))
                .list();
    }

    Instant firstReportAt(long incidentId) {
        Timestamp at = jdbc.sql("select min(created_at) from loss_report where incident_id = ? and kind = 'FIRST'")
                .param(incidentId).query((rs, n) -> rs.getTimestamp(1)).list().get(0);
        return at == null ? null : at.toInstant();
    }

    static BigDecimal wan(BigDecimal yuan) {
        return yuan.divide(BigDecimal.valueOf(10_000), 2, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
