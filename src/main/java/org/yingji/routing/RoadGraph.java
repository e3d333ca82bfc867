package org.yingji.routing;

import com.carrotsearch.hppc.IntObjectHashMap;
import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.GraphHopper;
import com.graphhopper.ResponsePath;
import com.graphhopper.config.Profile;
import com.graphhopper.isochrone.algorithm.ContourBuilder;
import com.graphhopper.isochrone.algorithm.ReadableTriangulation;
import com.graphhopper.json.Statement;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.NodeAccess;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.DistanceCalcEarth;
import com.graphhopper.util.EdgeExplorer;
import com.graphhopper.util.EdgeIterator;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.PMap;
import com.graphhopper.util.PointList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.triangulate.DelaunayTriangulationBuilder;
import org.locationtech.jts.triangulate.quadedge.QuadEdgeSubdivision;
import org.locationtech.jts.triangulate.quadedge.Vertex;

/**
 * The road network of one OSM file, imported by GraphHopper into {@code graphDir} (or loaded from there when
 * already imported). Answers travel times for fire engines (profile car) and people on foot. Thread-safe: every
 * query works on its own query graph.
 */
final class RoadGraph implements AutoCloseable {

    static final String CAR = "car";
    static final String FOOT = "foot";

    /** spacing of the time samples along a road for the isochrone surface */
    static final double SAMPLE_METERS = 250;
    /** about 50 m: the width of a corridor along a single reached road */
    static final double CORRIDOR_DEGREES = 0.0005;

    private final GraphHopper hopper;
    private final double snapLimitMeters;
    private final Map<String, Weighting> weightings = new java.util.concurrent.ConcurrentHashMap<>();

    RoadGraph(Path osmFile, Path graphDir, double snapLimitMeters) {
        this.snapLimitMeters = snapLimitMeters;
        hopper = new GraphHopper();
        hopper.setOSMFile(osmFile.toString());
        hopper.setGraphHopperLocation(graphDir.toString());
        hopper.setEncodedValuesString("car_access, car_average_speed, foot_access, foot_average_speed, foot_priority");
        // distance_influence 0: the weight is the travel time, so "fastest" is what a dispatcher means
        CustomModel car = new CustomModel().setDistanceInfluence(0d)
                .addToPriority(Statement.If("!car_access", Statement.Op.MULTIPLY, "0"))
                .addToSpeed(Statement.If("true", Statement.Op.LIMIT, "car_average_speed"));
        CustomModel foot = new CustomModel().setDistanceInfluence(0d)
                .addToPriority(Statement.If("!foot_access", Statement.Op.MULTIPLY, "0"))
                .addToSpeed(Statement.If("true", Statement.Op.LIMIT, "foot_average_speed"));
        hopper.setProfiles(new Profile(CAR).setCustomModel(car), new Profile(FOOT).setCustomModel(foot));
        hopper.setMinNetworkSize(0);
        hopper.importOrLoad();
    }

    int nodes() {
        return hopper.getBaseGraph().getNodes();
    }

    int edges() {
        return hopper.getBaseGraph().getEdges();
    }

    /** A point snapped onto the road network of a profile, or a 400 naming the field when it is too far away. */
    Snap snap(String profile, double lon, double lat, String field) {
        Snap snap = hopper.getLocationIndex().findClosest(lat, lon, snapFilter(profile));
        if (!snap.isValid() || snap.getQueryDistance() > snapLimitMeters) {
            double distance = snap.isValid() ? snap.getQueryDistance() : nearestNodeMeters(lon, lat);
            throw new OffNetwork(field, distance, snapLimitMeters);
        }
        return snap;
    }

    /** The distance to the closest graph node; only for the error message, so a full scan is fine. */
    private double nearestNodeMeters(double lon, double lat) {
        NodeAccess nodes = hopper.getBaseGraph().getNodeAccess();
        double best = Double.MAX_VALUE;
        for (int node = 0; node < nodes(); node++) {
            best = Math.min(best, DistanceCalcEarth.DIST_EARTH.calcDist(lat, lon, nodes.getLat(node),
                    nodes.getLon(node)));
        }
        return best;
    }

    private EdgeFilter snapFilter(String profile) {
        return new DefaultSnapFilter(weighting(profile),
                hopper.getEncodingManager().getBooleanEncodedValue(Subnetwork.key(profile)));
    }

    /** Built once per profile: creating one compiles its custom model; a weighting itself is stateless. */
    private Weighting weighting(String profile) {
        return weightings.computeIfAbsent(profile, p -> hopper.createWeighting(hopper.getProfile(p), new PMap()));
    }

    /** The fastest route; coordinates as [lon, lat]. */
    Leg route(String profile, double fromLon, double fromLat, double toLon, double toLat) {
        snap(profile, fromLon, fromLat, "from");
        snap(profile, toLon, toLat, "to");
        GHResponse response = hopper.route(new GHRequest(fromLat, fromLon, toLat, toLon).setProfile(profile));
        if (response.hasErrors()) {
            return null;
        }
        ResponsePath best = response.getBest();
        PointList points = best.getPoints();
        List<double[]> line = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            line.add(new double[]{points.getLon(i), points.getLat(i)});
        }
        return new Leg(best.getTime() / 1000.0, best.getDistance(), line);
    }

    record Leg(double seconds, double meters, List<double[]> line) {
    }

    /**
     * Travel times between one point and many, in one Dijkstra search that stops once {@code enough} of the
     * others are settled (or all are). {@code towards} = true measures from each other point to the origin (a
     * team driving to an incident), else from the origin outwards (a station to a village). Unreachable or
     * unsettled entries are NaN; an other point off the network gets NaN too, rather than failing the query.
     */
    double[] oneToMany(String profile, double lon, double lat, String field, List<double[]> others, boolean towards,
                       int enough, double limitSeconds) {
        Snap origin = snap(profile, lon, lat, field);
        EdgeFilter filter = snapFilter(profile);
        List<Snap> snaps = new ArrayList<>();
        snaps.add(origin);
        Snap[] otherSnaps = new Snap[others.size()];
        for (int i = 0; i < others.size(); i++) {
            double[] p = others.get(i);
            Snap s = hopper.getLocationIndex().findClosest(p[1], p[0], filter);
            if (s.isValid() && s.getQueryDistance() <= snapLimitMeters) {
                otherSnaps[i] = s;
                snaps.add(s);
            }
        }
        QueryGraph graph = QueryGraph.create(hopper.getBaseGraph(), snaps);
        IntObjectHashMap<List<Integer>> wanted = new IntObjectHashMap<>();
        for (int i = 0; i < otherSnaps.length; i++) {
            if (otherSnaps[i] != null) {
                int node = otherSnaps[i].getClosestNode();
                List<Integer> list = wanted.get(node);
                if (list == null) {
                    list = new ArrayList<>(1);
                    wanted.put(node, list);
                }
                list.add(i);
            }
        }
        double[] seconds = new double[others.size()];
        Arrays.fill(seconds, Double.NaN);
        int needed = Math.min(enough, wanted.size());
        int[] settledWanted = {0};
        new TimeSearch(graph, weighting(profile), towards, (long) Math.min(limitSeconds * 1000, Long.MAX_VALUE / 2))
                .run(new int[]{origin.getClosestNode()}, label -> {
                    List<Integer> hits = wanted.get(label.node);
                    if (hits != null) {
                        hits.forEach(index -> seconds[index] = label.millis / 1000.0);
                        settledWanted[0]++;
                    }
                    return settledWanted[0] < needed;
                });
        return seconds;
    }

    /** The area reachable from a point within the time limit; see {@link #reachable}. */
    Geometry isochrone(String profile, double lon, double lat, double limitSeconds) {
        return reachable(profile, List.of(snap(profile, lon, lat, "lon")), limitSeconds);
    }

    /** Snaps points, leaving out those off the road network (a station the map lacks a road to). */
    List<Snap> snapAll(String profile, List<double[]> points) {
        EdgeFilter filter = snapFilter(profile);
        List<Snap> snaps = new ArrayList<>();
        for (double[] p : points) {
            Snap s = hopper.getLocationIndex().findClosest(p[1], p[0], filter);
            if (s.isValid() && s.getQueryDistance() <= snapLimitMeters) {
                snaps.add(s);
            }
        }
        return snaps;
    }

    /**
     * The area reachable within the time limit from the nearest of several starting points (one station or all
     * of them): one multi-source search, then GraphHopper's isochrone method: triangulate the reached nodes with
     * their times and cut that surface at the limit ({@link ContourBuilder}). The union of the stations'
     * isochrones is this one contour, so a city of many stations costs one search, not one per station.
     */
    Geometry reachable(String profile, List<Snap> starts, double limitSeconds) {
        if (starts.isEmpty()) {
            return TravelTimes.GEOMETRY.createPolygon();
        }
        QueryGraph graph = QueryGraph.create(hopper.getBaseGraph(), starts);
        long limitMillis = (long) (limitSeconds * 1000);
        // explore beyond the limit so the contour is cut between a node inside and one outside
        long exploreMillis = limitMillis + Math.max(limitMillis / 10, 60_000);
        NodeAccess nodes = graph.getNodeAccess();
        Weighting weighting = weighting(profile);
        EdgeExplorer explorer = graph.createEdgeExplorer();
        Map<Long, Coordinate> sites = new HashMap<>();
        List<LineString> reached = new ArrayList<>();
        new TimeSearch(graph, weighting, false, exploreMillis)
                .run(starts.stream().mapToInt(Snap::getClosestNode).toArray(), label -> {
                    site(sites, nodes.getLon(label.node), nodes.getLat(label.node), label.millis);
                    // sample every road leaving the node, so a long road between two reached nodes does not
                    // read as reached all along (the surface is linear between sites)
                    EdgeIterator edge = explorer.setBaseNode(label.node);
                    while (edge.next()) {
                        if (!Double.isInfinite(weighting.calcEdgeWeight(edge, false))) {
                            sample(sites, edge.fetchWayGeometry(FetchMode.ALL), label.millis,
                                    weighting.calcEdgeMillis(edge, false), exploreMillis);
                        }
                    }
                    if (label.parent != null) {
                        partly(reached, nodes, label.parent, label.node, label.millis, limitMillis);
                    }
                    return true;
                }, (from, to, millis) -> partly(reached, nodes, from, to, millis, limitMillis));
        Geometry contour = contour(sites.values(), limitMillis);
        if (contour == null) {
            // the reached roads lie on one line (a station up a dead-end valley road): nothing to triangulate
            Coordinate start = new Coordinate(nodes.getLon(starts.get(0).getClosestNode()),
                    nodes.getLat(starts.get(0).getClosestNode()));
            Geometry roads = reached.isEmpty() ? TravelTimes.GEOMETRY.createPoint(start)
                    : TravelTimes.GEOMETRY.createMultiLineString(reached.toArray(LineString[]::new));
            return roads.buffer(CORRIDOR_DEGREES);
        }
        return contour;
    }

    /** A site keeps the earliest time it is reached at (from either end of a road, or another station). */
    private static void site(Map<Long, Coordinate> sites, double lon, double lat, double millis) {
        long key = Math.round(lon * 1e6) * 1_000_000_000L + Math.round(lat * 1e6);
        Coordinate known = sites.get(key);
        if (known == null) {
            Coordinate site = new Coordinate(lon, lat);
            site.setZ(millis);
            sites.put(key, site);
        } else if (millis < known.getZ()) {
            known.setZ(millis);
        }
    }

    /**
     * Sites every {@link #SAMPLE_METERS} along a road longer than twice that, driven from its start, with the
     * time there (shorter roads: their end nodes are close enough).
     */
    private static void sample(Map<Long, Coordinate> sites, PointList road, long startMillis, long roadMillis,
                               long exploreMillis) {
        double length = road.size() < 2 ? 0 : DistanceCalcEarth.DIST_EARTH.calcDistance(road);
        if (length < 2 * SAMPLE_METERS) {
            return;
        }
        double along = 0;
        double next = SAMPLE_METERS;
        for (int i = 1; i < road.size() && next < length; i++) {
            double piece = DistanceCalcEarth.DIST_EARTH.calcDist(road.getLat(i - 1), road.getLon(i - 1),
                    road.getLat(i), road.getLon(i));
            while (next <= along + piece && next < length) {
                double millis = startMillis + roadMillis * next / length;
                if (millis > exploreMillis) {
                    return;
                }
                double f = piece == 0 ? 0 : (next - along) / piece;
                site(sites, road.getLon(i - 1) + (road.getLon(i) - road.getLon(i - 1)) * f,
                        road.getLat(i - 1) + (road.getLat(i) - road.getLat(i - 1)) * f, millis);
                next += SAMPLE_METERS;
            }
            along += piece;
        }
    }

    /** The region where the triangulated time surface lies below the limit; null when there is no surface. */
    private static Geometry contour(java.util.Collection<Coordinate> sites, long limitMillis) {
        DelaunayTriangulationBuilder builder = new DelaunayTriangulationBuilder();
        builder.setSites(sites);
        builder.setTolerance(0.0);
        if (sites.size() < 3 || !(builder.getEdges(TravelTimes.GEOMETRY).convexHull() instanceof Polygon)) {
            return null;
        }
        QuadEdgeSubdivision tin = builder.getSubdivision();
        for (Object vertex : tin.getVertices(true)) {
            if (tin.isFrameVertex((Vertex) vertex)) {
                ((Vertex) vertex).setZ(Double.MAX_VALUE);
            }
        }
        ReadableTriangulation triangulation = ReadableTriangulation.wrap(tin);
        MultiPolygon contour = new ContourBuilder(triangulation).computeIsoline(limitMillis, triangulation.getEdges());
        return contour.isEmpty() ? null : contour;
    }

    /** The part of the road from a node to the next that is driven within the limit, if any. */
    private static void partly(List<LineString> reached, NodeAccess nodes, Label from, int to, long toMillis,
                               long limitMillis) {
        if (from.millis < limitMillis) {
            double fraction = Math.min(1, (limitMillis - from.millis) / (double) Math.max(1, toMillis - from.millis));
            reached.add(segment(nodes, from.node, to, fraction));
        }
    }

    private static LineString segment(NodeAccess nodes, int from, int to, double fraction) {
        double lon = nodes.getLon(from);
        double lat = nodes.getLat(from);
        return TravelTimes.GEOMETRY.createLineString(new Coordinate[]{new Coordinate(lon, lat),
                new Coordinate(lon + (nodes.getLon(to) - lon) * fraction, lat + (nodes.getLat(to) - lat) * fraction)});
    }

    /** A node reached at a time, and how (the edge from its parent); null parent at a start. */
    static final class Label {
        final int node;
        long millis;
        int edge;
        Label parent;
        boolean settled;

        Label(int node, long millis, int edge, Label parent) {
            this.node = node;
            this.millis = millis;
            this.edge = edge;
            this.parent = parent;
        }
    }

    interface Beyond {
        void edge(Label from, int to, long millis);
    }

    /** Dijkstra on travel time from several start nodes at once, up to a time limit. */
    private record TimeSearch(QueryGraph graph, Weighting weighting, boolean towards, long limitMillis) {

        /** Hands each settled node to {@code settled} in time order until it answers false or the limit. */
        void run(int[] starts, java.util.function.Predicate<Label> settled) {
            run(starts, settled, (from, to, millis) -> { });
        }

        /** Also tells {@code beyond} of each road from a settled node to a node only reached after the limit. */
        void run(int[] starts, java.util.function.Predicate<Label> settled, Beyond beyond) {
            IntObjectHashMap<Label> labels = new IntObjectHashMap<>();
            PriorityQueue<Label> queue = new PriorityQueue<>((a, b) -> Long.compare(a.millis, b.millis));
            for (int start : starts) {
                if (!labels.containsKey(start)) {
                    Label label = new Label(start, 0, -1, null);
                    labels.put(start, label);
                    queue.add(label);
                }
            }
            EdgeExplorer explorer = graph.createEdgeExplorer();
            while (!queue.isEmpty()) {
                Label current = queue.poll();
                if (current.settled || labels.get(current.node) != current) {
                    continue;
                }
                current.settled = true;
                if (!settled.test(current)) {
                    return;
                }
                EdgeIterator edge = explorer.setBaseNode(current.node);
                while (edge.next()) {
                    if (Double.isInfinite(weighting.calcEdgeWeight(edge, towards))) {
                        continue;
                    }
                    long time = current.millis + weighting.calcEdgeMillis(edge, towards);
                    if (time > limitMillis) {
                        beyond.edge(current, edge.getAdjNode(), time);
                        continue;
                    }
                    Label seen = labels.get(edge.getAdjNode());
                    if (seen == null || (!seen.settled && time < seen.millis)) {
                        Label next = new Label(edge.getAdjNode(), time, edge.getEdge(), current);
                        labels.put(next.node, next);
                        queue.add(next);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        hopper.close();
    }
}
