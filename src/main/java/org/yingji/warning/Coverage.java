package org.yingji.warning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yingji.platform.region.Region;
import org.yingji.platform.region.Regions;

/**
 * 预警覆盖率 of a warning's current revision: people in the area (village population scaled by the share of its
 * registered people inside the area) and people reached by at least one channel (registered people whose receipt
 * is SENT or DELIVERED on any channel; a village whose broadcast terminal acknowledged counts whole), capped per
 * village, summed by township and county, against the target (90 %). While the run is going the figures come live
 * from the receipts; once it is done from the per-village counts it stored, plus the live terminal acknowledgements.
 */
@Component("warningCoverage") // routing has a Coverage too: bean names are global
class Coverage {

    private final JdbcClient jdbc;
    private final Regions regions;
    private final WarningSettings settings;
    private final Channels channels;
    private final ReceiptSummary summary;
    private final Dissemination dissemination;

    Coverage(JdbcClient jdbc, Regions regions, WarningSettings settings, Channels channels, ReceiptSummary summary,
             Dissemination dissemination) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.settings = settings;
        this.channels = channels;
        this.summary = summary;
        this.dissemination = dissemination;
    }

    record Figures(String code, String name, long population, long reached, double percent) {
    }

    record VillagePoint(String code, String name, double lon, double lat, long population, long reached,
                        double percent) {
    }

    record Report(long warningId, int revision, String state, Integer targeted, Long indexMs, Long targetingMs,
                  Long handoffMs, Long persistedMs, Integer heapPeakMb, Resumed resumed, long population,
                  long reached, double percent, double target, boolean met,
                  List<Figures> counties, List<Figures> townships, List<VillagePoint> villages,
                  List<ChannelSummary> channels, Instant at) {
    }

    /** How often an interrupted run was resumed after a restart, and how many deliveries it did not repeat. */
    record Resumed(int times, int skipped, Instant last) {
    }

    record ChannelSummary(String channel, long queued, long sent, long delivered, long failed) {
    }

    Report of(WarningView warning) {
        int revision = warning.revision();
        Map<String, Object> dispatch = dispatch(warning);
        Map<String, long[]> villages = new TreeMap<>();
        Map<String, long[]> reachedByVillage = new HashMap<>();
        boolean counted = "DONE".equals(dispatch.get("state"));
        jdbc.sql("select village_code, population, reached from warning_target_village "
                        + "where warning_id = ? and revision = ?")
                .params(warning.id(), revision)
                .query(rs -> {
                    villages.put(rs.getString(1), new long[]{rs.getLong(2), 0});
                    reachedByVillage.put(rs.getString(1), new long[]{rs.getLong(3), 0});
                });
        // Terminal acknowledgements keep arriving after the run; a village whose terminal played counts whole.
        List<String> terminalChannels = channels.enabled().stream()
                .filter(c -> c.channel().reaches() == RecipientKind.TERMINAL).map(Channels.Configured::id).toList();
        Map<String, Long> terminals = summary.deliveredByVillage(warning.id(), revision, terminalChannels);
        Map<String, Long> soFar = counted ? null : dissemination.reachedSoFar(warning.id(), revision);
        if (counted || soFar != null) {
            // People: counted by the run when it ended, or by the run going on in this process.
            if (soFar != null) {
                reachedByVillage.clear();
                soFar.forEach((village, persons) -> reachedByVillage.put(village, new long[]{persons, 0}));
            }
            terminals.forEach((village, played) -> reachedByVillage.computeIfAbsent(village, c -> new long[2])[1]
                    += played);
        } else {
            // A run not going here (interrupted, waiting to resume): people reached across channels, from the
            // receipts (slow at a million, and only until the run resumes).
            reachedByVillage.clear();
            jdbc.sql("""
                            select r.region_code,
                                   count(distinct r.id) filter (where r.kind <> 'TERMINAL') as persons,
                                   count(distinct r.id) filter (where r.kind = 'TERMINAL' and t.status = 'DELIVERED')
                            from warning_receipt t join warning_recipient r on r.id = t.recipient_id
                            where t.warning_id = ? and t.revision = ? and t.status in ('SENT', 'DELIVERED')
                            group by r.region_code""")
                    .params(warning.id(), revision)
                    .query(rs -> {
                        reachedByVillage.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)});
                    });
        }
        long population = 0;
        long reached = 0;
        Map<String, long[]> counties = new TreeMap<>();
        Map<String, long[]> townships = new TreeMap<>();
        List<VillagePoint> points = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : villages.entrySet()) {
            long pop = entry.getValue()[0];
            long[] r = reachedByVillage.getOrDefault(entry.getKey(), new long[]{0, 0});
            long reachedHere = r[1] > 0 ? pop : Math.min(pop, r[0]);
            population += pop;
            reached += reachedHere;
            String code = entry.getKey();
            add(counties, code.substring(0, 6), pop, reachedHere);
            add(townships, code.substring(0, 9) + "000", pop, reachedHere);
            Region village = regions.find(code).orElse(null);
            if (village != null && village.lon() != null) {
                points.add(new VillagePoint(code, village.name(), village.lon(), village.lat(), pop, reachedHere,
                        percent(reachedHere, pop)));
            }
        }
        double percent = percent(reached, population);
        return new Report(warning.id(), revision, (String) dispatch.get("state"), (Integer) dispatch.get("targeted"),
                (Long) dispatch.get("index_ms"), (Long) dispatch.get("targeting_ms"), (Long) dispatch.get("handoff_ms"),
                (Long) dispatch.get("persisted_ms"), (Integer) dispatch.get("heap_peak_mb"), resumed(dispatch),
                population, reached, percent, settings.coverageTarget() * 100,
                population > 0 && percent >= settings.coverageTarget() * 100, figures(counties), figures(townships),
                points, channels(warning.id(), revision), Instant.now());
    }

    private static Resumed resumed(Map<String, Object> dispatch) {
        Integer times = (Integer) dispatch.get("resumes");
        if (times == null || times == 0) {
            return null;
        }
        java.sql.Timestamp last = (java.sql.Timestamp) dispatch.get("resumed_at");
        return new Resumed(times, (Integer) dispatch.get("skipped"), last == null ? null : last.toInstant());
    }

    /** The dissemination run of the current revision with the time of each phase; empty before publication. */
    Map<String, Object> dispatch(WarningView warning) {
        return jdbc.sql("select * from warning_dispatch where warning_id = ? and revision = ?")
                .params(warning.id(), warning.revision()).query().listOfRows().stream().findFirst().orElse(Map.of());
    }

    /** Per channel, deliveries by their furthest status (from the summary kept with the receipts). */
    List<ChannelSummary> channels(long warningId, int revision) {
        return summary.channels(warningId, revision);
    }

    record ReceiptRow(String channel, long recipientId, String address, String status, String reason, Instant at) {
    }

    List<ReceiptRow> receipts(long warningId, int revision, String channel, String status, int limit, int offset) {
        return jdbc.sql("""
                        select * from (
                          select distinct on (channel, recipient_id, address) channel, recipient_id, address, status,
                                 reason, at,
                                 case status when 'QUEUED' then 0 when 'FAILED' then 1 when 'SENT' then 2 else 3 end r
                          from warning_receipt where warning_id = ? and revision = ? and (? = '' or channel = ?)
                          order by channel, recipient_id, address, r desc, at desc) latest
                        where (? = '' or status = ?) order by channel, recipient_id limit ? offset ?""")
                .params(warningId, revision, channel, channel, status, status, limit, offset)
                .query((rs, row) -> new ReceiptRow(rs.getString("channel"), rs.getLong("recipient_id"),
                        rs.getString("address"), rs.getString("status"), rs.getString("reason"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    private static void add(Map<String, long[]> sums, String code, long population, long reached) {
        long[] sum = sums.computeIfAbsent(code, c -> new long[2]);
        sum[0] += population;
        sum[1] += reached;
    }

    private List<Figures> figures(Map<String, long[]> sums) {
        return sums.entrySet().stream().map(e -> new Figures(e.getKey(), regions.nameOf(e.getKey()), e.getValue()[0],
                e.getValue()[1], percent(e.getValue()[1], e.getValue()[0]))).toList();
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 1000.0 / whole) / 10.0;
    }
}
