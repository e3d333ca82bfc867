package org.yingji.warning;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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

    /** Bumped after each committed change of the registry; an index holds the changes up to its version. */
    private final AtomicLong version = new AtomicLong();
    /** Above this many changed recipients the next warning waits for the rebuild instead of applying them. */
    static final int DELTA_LIMIT = 50_000;
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
     * Recipients changed by one committed write: their ids (added, moved or removed alike), or null for a bulk
     * change whose ids are not listed (the synthetic generator).
     */
    private record Change(long version, long[] ids) {
    }

    /** Changes not yet in the installed index, oldest first; guarded by itself. */
    private final List<Change> journal = new ArrayList<>();

    /** Called after a bulk change of the registry (ids unknown): the next warning waits for the rebuild. */
    void invalidate() {
        changed((long[]) null);
    }

    /**
     * Called after every change of the registry with the ids it touched: once the change commits, it is noted for
     * the next warning (which applies it to the last index, {@link #latest()}) and the whole index is rebuilt in
     * the background (7 s for 2.5 million recipients).
     */
    void changed(long... ids) {
        Runnable note = () -> {
            synchronized (journal) {
                journal.add(new Change(version.incrementAndGet(), ids));
            }
            reloader.execute(() -> {
                try {
                    current();
                } catch (RuntimeException e) {
                    log.warn("Rebuilding the recipient index failed; the next warning will try again", e);
                }
            });
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    note.run();
                }
            });
        } else {
            note.run();
        }
    }

    /** Builds the first index in the background as soon as the application is up. */
    @EventListener(ApplicationReadyEvent.class)
    void buildEarly() {
        reloader.execute(() -> {
            try {
                current();
            } catch (RuntimeException e) {
                log.warn("Building the recipient index failed; the first warning will try again", e);
            }
        });
    }

    @Override
    public void destroy() {
        reloader.shutdownNow();
    }

    /** The index with every committed change, rebuilt from the whole table when it is stale (waits for it). */
    Packed current() {
        Packed current = packed;
        long wanted = version.get();
        if (current == null || current.version() < wanted) {
            synchronized (this) {
                current = packed;
                if (current == null || current.version() < wanted) {
                    current = install(load(wanted));
                }
            }
        }
        return current;
    }

    /**
     * The index with every committed change, for targeting a warning without waiting for a rebuild: the last
     * index plus the recipients changed since, read by id. Waits for the whole rebuild (already under way in the
     * background) only when there is no index yet, or the changes are a bulk one or more than
     * {@link #DELTA_LIMIT} recipients.
     */
    Packed latest() {
        Packed base = packed;
        if (base == null) {
            return current();
        }
        long wanted;
        Set<Long> ids = new HashSet<>();
        synchronized (journal) {
            wanted = version.get();
            if (base.version() >= wanted) {
                return base;
            }
            for (Change change : journal) {
                if (change.version() <= base.version()) {
                    continue;
                }
                if (change.ids() == null || ids.size() + change.ids().length > DELTA_LIMIT) {
                    ids = null;
                    break;
                }
                for (long id : change.ids()) {
                    ids.add(id);
                }
            }
        }
        if (ids == null) {
            return current();
        }
        return install(withChanges(base, ids, wanted));
    }

    /** Makes an index the current one unless a newer one got there first; forgets the changes it holds. */
    private Packed install(Packed candidate) {
        synchronized (journal) {
            Packed installed = packed;
            if (installed != null && installed.version() >= candidate.version()) {
                return installed;
            }
            packed = candidate;
            journal.removeIf(change -> change.version() <= candidate.version());
            return candidate;
        }
    }

    /**
     * Recipients inside the polygons (covered: the boundary counts as inside) or in one of the regions (a county,
     * township or village code and everything under it).
     */
    Target target(MultiPolygon area, List<String> regionCodes) {
        Packed index = latest();
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
            Rows rows = new Rows(n, villageIndex, villages.length);
            try (PreparedStatement select = connection.prepareStatement(
                    "select " + COLUMNS + " from warning_recipient order by lon")) {
                select.setFetchSize(50_000);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next() && rows.count < n) {
                        rows.add(rs);
                    }
                }
            }
            connection.commit();
            connection.setAutoCommit(autoCommit);
            return rows.pack(forVersion, villages, villageIndex);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot load the recipient index", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static final String COLUMNS = "id, kind, lon, lat, region_code, address";

    /** Recipients read from the table into packed arrays, in the order read. */
    private static final class Rows {
        final long[] ids;
        final byte[] kinds;
        final float[] lon;
        final float[] lat;
        final short[] village;
        final long[] phones;
        final Map<Long, String> others = new HashMap<>();
        final int[] registered;
        private final Map<String, Short> villageIndex;
        int count;

        Rows(int capacity, Map<String, Short> villageIndex, int villages) {
            ids = new long[capacity];
            kinds = new byte[capacity];
            lon = new float[capacity];
            lat = new float[capacity];
            village = new short[capacity];
            phones = new long[capacity];
            registered = new int[villages];
            this.villageIndex = villageIndex;
        }

        void copy(long id, byte kind, float x, float y, short v, long phone) {
            int i = count++;
            ids[i] = id;
            kinds[i] = kind;
            lon[i] = x;
            lat[i] = y;
            village[i] = v;
            phones[i] = phone;
        }

        /** Reads one row of {@link #COLUMNS}. */
        void add(ResultSet rs) throws SQLException {
            int i = count++;
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
        }

        Packed pack(long version, String[] villages, Map<String, Short> villageIndex) {
            return new Packed(version, Arrays.copyOf(ids, count), Arrays.copyOf(kinds, count),
                    Arrays.copyOf(lon, count), Arrays.copyOf(lat, count), Arrays.copyOf(village, count),
                    Arrays.copyOf(phones, count), others, villages, villageIndex, registered);
        }
    }

    /**
     * The index with some recipients re-read: those rows of the base are dropped, and the ids that still exist
     * are merged in by longitude (a copy of the arrays: tens of milliseconds for millions, not a rebuild).
     */
    private Packed withChanges(Packed base, Set<Long> changed, long forVersion) {
        long[] sortedChanged = changed.stream().mapToLong(Long::longValue).sorted().toArray();
        Rows delta = new Rows(sortedChanged.length, base.villageIndex(), base.villages().length);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement select = connection.prepareStatement(
                "select " + COLUMNS + " from warning_recipient where id = any(?) order by lon")) {
            select.setArray(1, connection.createArrayOf("bigint",
                    Arrays.stream(sortedChanged).boxed().toArray(Long[]::new)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    delta.add(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the changed recipients", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        int kept = 0;
        boolean[] drop = new boolean[base.size()];
        int[] registered = base.registeredPersons().clone();
        for (int i = 0; i < base.size(); i++) {
            drop[i] = Arrays.binarySearch(sortedChanged, base.ids()[i]) >= 0;
            if (drop[i] && base.village()[i] >= 0 && RecipientKind.values()[base.kinds()[i]].isPerson()) {
                registered[base.village()[i]]--;
            }
            kept += drop[i] ? 0 : 1;
        }
        for (int v = 0; v < registered.length; v++) {
            registered[v] += delta.registered[v];
        }
        Map<Long, String> others = new HashMap<>(base.otherAddresses());
        others.keySet().removeAll(changed);
        others.putAll(delta.others);
        Rows merged = new Rows(kept + delta.count, base.villageIndex(), 0);
        int j = 0;
        for (int i = 0; i <= base.size(); i++) {
            while (j < delta.count && (i == base.size() || delta.lon[j] <= base.lon()[i])) {
                merged.copy(delta.ids[j], delta.kinds[j], delta.lon[j], delta.lat[j], delta.village[j],
                        delta.phones[j]);
                j++;
            }
            if (i < base.size() && !drop[i]) {
                merged.copy(base.ids()[i], base.kinds()[i], base.lon()[i], base.lat()[i], base.village()[i],
                        base.phones()[i]);
            }
        }
        return new Packed(forVersion, merged.ids, merged.kinds, merged.lon, merged.lat, merged.village,
                merged.phones, others, base.villages(), base.villageIndex(), registered);
    }
}
