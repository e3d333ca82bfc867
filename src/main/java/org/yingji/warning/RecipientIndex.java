package org.yingji.warning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yingji.platform.region.GeoJsonGeometries;
import org.yingji.platform.region.Region;
import org.yingji.platform.region.RegionLevel;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;

/**
 * Every recipient as packed arrays in memory (about 25 bytes each: 2.5 million fit in ~65 MB), sorted by
 * longitude so that the polygon's bounding box cuts a contiguous slice before the prepared point-in-polygon
 * test. Rebuilt from the table in the background after any write to the registry (and by a targeting that finds
 * it stale).
 */
@Component
class RecipientIndex implements DisposableBean {

    private final DataSource dataSource;
    private final Regions regions;
    private static final Logger log = LoggerFactory.getLogger(RecipientIndex.class);

    private final AtomicLong version = new AtomicLong();
    /** One thread, discarding queued rebuilds beyond one: a burst of changes needs only the last rebuild. */
    private final ThreadPoolExecutor reloader = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1), r -> new Thread(r, "warning-recipient-index"),
            new ThreadPoolExecutor.DiscardPolicy());
    private volatile Packed packed;

    RecipientIndex(DataSource dataSource, Regions regions) {
        this.dataSource = dataSource;
        this.regions = regions;
    }

    /** Recipients by position in the index: ids, kinds, points and village (an index into {@link #villages}). */
    record Packed(long version, long[] ids, byte[] kinds, float[] lon, float[] lat, short[] village,
                  long[] phones, Map<Long, String> otherAddresses, String[] villages, Map<String, Short> villageIndex,
                  int[] registeredPersons) {

        int size() {
            return ids.length;
        }

        /** The phone number, user id or terminal code of the recipient at a position. */
        String address(int position) {
            return kinds[position] == RecipientKind.PHONE.ordinal() ? Long.toString(phones[position])
                    : otherAddresses.get(ids[position]);
        }
    }

    /** The positions (into {@link Packed}) of the recipients inside an area, and the index they refer to. */
    record Target(Packed index, int[] positions, boolean[] villageCentreInside) {
    }

    /**
     * Called after every change of the registry: the index is rebuilt in the background once the change commits,
     * so that the next warning does not wait for it (7 s for 2.5 million recipients).
     */
    void invalidate() {
        version.incrementAndGet();
        Runnable rebuild = () -> reloader.execute(() -> {
            try {
                current();
            } catch (RuntimeException e) {
                log.warn("Rebuilding the recipient index failed; the next warning will try again", e);
            }
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    rebuild.run();
                }
            });
        } else {
            rebuild.run();
        }
    }

    @Override
    public void destroy() {
        reloader.shutdownNow();
    }

    Packed current() {
        Packed current = packed;
        long wanted = version.get();
        if (current == null || current.version() != wanted) {
            synchronized (this) {
                current = packed;
                if (current == null || current.version() != wanted) {
                    current = load(wanted);
                    packed = current;
                }
            }
        }
        return current;
    }

    /**
     * Recipients inside the polygons (covered: the boundary counts as inside) or in one of the regions (a county,
     * township or village code and everything under it).
     */
    Target target(MultiPolygon area, List<String> regionCodes) {
        Packed index = current();
        boolean[] villageSelected = new boolean[index.villages().length];
        boolean[] centreInside = new boolean[index.villages().length];
        PreparedGeometry prepared = area == null ? null : PreparedGeometryFactory.prepare(area);
        GeometryFactory factory = GeoJsonGeometries.FACTORY;
        for (int v = 0; v < index.villages().length; v++) {
            String code = index.villages()[v];
            for (String selected : regionCodes) {
                if (RegionScope.of(selected).contains(code)) {
                    villageSelected[v] = true;
                    centreInside[v] = true;
                }
            }
            Region village = regions.find(code).orElse(null);
            if (prepared != null && village != null && village.lon() != null
                    && prepared.covers(factory.createPoint(new Coordinate(village.lon(), village.lat())))) {
                centreInside[v] = true;
            }
        }
        int[] hits = new int[1024];
        int count = 0;
        // Region membership first: a plain scan of a byte per recipient.
        boolean anySelected = false;
        for (boolean b : villageSelected) {
            anySelected |= b;
        }
        boolean[] taken = anySelected ? new boolean[index.size()] : null;
        if (anySelected) {
            short[] village = index.village();
            for (int i = 0; i < village.length; i++) {
                if (village[i] >= 0 && villageSelected[village[i]]) {
                    taken[i] = true;
                    if (count == hits.length) {
                        hits = Arrays.copyOf(hits, count * 2);
                    }
                    hits[count++] = i;
                }
            }
        }
        if (prepared != null) {
            Envelope box = area.getEnvelopeInternal();
            float[] lon = index.lon();
            float[] lat = index.lat();
            int from = lowerBound(lon, (float) box.getMinX());
            Coordinate c = new Coordinate();
            for (int i = from; i < lon.length && lon[i] <= box.getMaxX(); i++) {
                if (lat[i] < box.getMinY() || lat[i] > box.getMaxY() || (taken != null && taken[i])) {
                    continue;
                }
                c.x = lon[i];
                c.y = lat[i];
                if (prepared.covers(factory.createPoint(c))) {
                    if (count == hits.length) {
                        hits = Arrays.copyOf(hits, count * 2);
                    }
                    hits[count++] = i;
                }
            }
        }
        return new Target(index, Arrays.copyOf(hits, count), centreInside);
    }

    private static int lowerBound(float[] sorted, float value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sorted[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private Packed load(long forVersion) {
        List<Region> villageList = regions.list(RegionScope.of("510300"), RegionLevel.VILLAGE, null);
        String[] villages = new String[villageList.size()];
        Map<String, Short> villageIndex = new HashMap<>();
        for (int v = 0; v < villages.length; v++) {
            villages[v] = villageList.get(v).code();
            villageIndex.put(villages[v], (short) v);
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            int n;
            try (PreparedStatement count = connection.prepareStatement("select count(*) from warning_recipient");
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                n = rs.getInt(1);
            }
            long[] ids = new long[n];
            byte[] kinds = new byte[n];
            float[] lon = new float[n];
            float[] lat = new float[n];
            short[] village = new short[n];
            long[] phones = new long[n];
            Map<Long, String> others = new HashMap<>();
            int[] registered = new int[villages.length];
            int i = 0;
            try (PreparedStatement select = connection.prepareStatement(
                    "select id, kind, lon, lat, region_code, address from warning_recipient order by lon")) {
                select.setFetchSize(50_000);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next() && i < n) {
                        ids[i] = rs.getLong(1);
                        RecipientKind kind = RecipientKind.valueOf(rs.getString(2));
                        kinds[i] = (byte) kind.ordinal();
                        lon[i] = (float) rs.getDouble(3);
                        lat[i] = (float) rs.getDouble(4);
                        if (kind == RecipientKind.PHONE) {
                            phones[i] = Long.parseLong(rs.getString(6));
                        } else {
                            others.put(ids[i], rs.getString(6));
                        }
                        Short v = villageIndex.get(rs.getString(5));
                        village[i] = v == null ? -1 : v;
                        if (v != null && kind.isPerson()) {
                            registered[v]++;
                        }
                        i++;
                    }
                }
            }
            connection.commit();
            connection.setAutoCommit(autoCommit);
            if (i < n) {
                ids = Arrays.copyOf(ids, i);
                kinds = Arrays.copyOf(kinds, i);
                lon = Arrays.copyOf(lon, i);
                lat = Arrays.copyOf(lat, i);
                village = Arrays.copyOf(village, i);
                phones = Arrays.copyOf(phones, i);
            }
            return new Packed(forVersion, ids, kinds, lon, lat, village, phones, others, villages, villageIndex,
                    registered);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load the recipient index", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
