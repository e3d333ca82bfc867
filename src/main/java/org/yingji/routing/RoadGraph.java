package org.yingji.routing;

import com.carrotsearch.hppc.IntObjectHashMap;
import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.GraphHopper;
import com.graphhopper.ResponsePath;
import com.graphhopper.config.Profile;
import com.graphhopper.isochrone.algorithm.ContourBuilder;
import com.graphhopper.isochrone.algorithm.JTSTriangulator;
import com.graphhopper.isochrone.algorithm.ShortestPathTree;
import com.graphhopper.isochrone.algorithm.Triangulator;
import com.graphhopper.json.Statement;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.util.EdgeFilter;
import com.graphhopper.routing.util.TraversalMode;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.NodeAccess;
import com.graphhopper.storage.index.Snap;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.DistanceCalcEarth;
import com.graphhopper.util.EdgeExplorer;
import com.graphhopper.util.EdgeIterator;
import com.graphhopper.util.PMap;
import com.graphhopper.util.PointList;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPolygon;

/**
 * The road network of one OSM file, imported by GraphHopper into {@code graphDir} (or loaded from there when
 * already imported). Answers travel times for fire engines (profile car) and people on foot. Thread-safe: every
 * query works on its own query graph.
 */
final class RoadGraph implements AutoCloseable {

    static final String CAR = "car";
    static final String FOOT = "foot";

    /** about 50 m: the width of a corridor along a single reached road */
    static final double CORRIDOR_DEGREES = 0.0005;

    private final GraphHopper hopper;
    private final double snapLimitMeters;

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

    private Weighting weighting(String profile) {
        return hopper.createWeighting(hopper.getProfile(profile), new PMap());
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
    double[] oneToMany(String profile, double lon, double lat, List<double[]> others, boolean towards, int enough,
                       double limitSeconds) {
        Snap origin = snap(profile, lon, lat, "lon");
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
        Weighting weighting = weighting(profile);
        long limitMillis = (long) (limitSeconds * 1000);
        int settledWanted = 0;
        int wantedCount = wanted.size();
        IntObjectHashMap<long[]> best = new IntObjectHashMap<>();
        PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> Long.compare(a[1], b[1]));
        int start = origin.getClosestNode();
        best.put(start, new long[]{0, 0});
        queue.add(new long[]{start, 0});
        EdgeExplorer explorer = graph.createEdgeExplorer();
        while (!queue.isEmpty() && settledWanted < Math.min(enough, wantedCount)) {
            long[] current = queue.poll();
            int node = (int) current[0];
            long[] known = best.get(node);
            if (known[1] < current[1] || known[0] < 0) {
                continue;
            }
            known[0] = -1; // settled
            List<Integer> hits = wanted.get(node);
            if (hits != null) {
                for (int index : hits) {
                    seconds[index] = current[1] / 1000.0;
                }
                settledWanted++;
            }
            EdgeIterator edge = explorer.setBaseNode(node);
            while (edge.next()) {
                if (Double.isInfinite(weighting.calcEdgeWeight(edge, towards))) {
                    continue;
                }
                long time = current[1] + weighting.calcEdgeMillis(edge, towards);
                if (time > limitMillis) {
                    continue;
                }
                int adj = edge.getAdjNode();
                long[] seen = best.get(adj);
                if (seen == null) {
                    best.put(adj, new long[]{0, time});
                    queue.add(new long[]{adj, time});
                } else if (seen[0] >= 0 && time < seen[1]) {
                    seen[1] = time;
                    queue.add(new long[]{adj, time});
                }
            }
        }
        return seconds;
    }

    /**
     * The area reachable from a point within the time limit, by triangulating the shortest-path tree's times
     * and cutting the surface at the limit (GraphHopper's isochrone method).
     */
    Geometry isochrone(String profile, double lon, double lat, double limitSeconds) {
        Snap snap = snap(profile, lon, lat, "lon");
        QueryGraph graph = QueryGraph.create(hopper.getBaseGraph(), snap);
        ShortestPathTree tree = new ShortestPathTree(graph, weighting(profile), false, TraversalMode.NODE_BASED);
        double limitMillis = limitSeconds * 1000;
        // explore a little beyond the limit so the contour is cut between a node inside and one outside
        tree.setTimeLimit(limitMillis + Math.max(limitMillis * 0.1, 60_000));
        Triangulator.Result triangulation;
        try {
            triangulation = new JTSTriangulator(hopper.getRouterConfig())
                    .triangulate(snap, graph, tree, label -> label.time, 0.0);
        } catch (IllegalArgumentException tooFewPoints) {
            // the reached roads lie on one line (a station up a dead-end valley road): nothing to triangulate
            return alongRoads(graph, snap, profile, limitMillis);
        }
        MultiPolygon contour = new ContourBuilder(triangulation.triangulation)
                .computeIsoline(limitMillis, triangulation.seedEdges);
        return contour.isEmpty() ? null : contour;
    }

    /** The reached stretch of road as a corridor of {@link #CORRIDOR_DEGREES} either side. */
    private Geometry alongRoads(QueryGraph graph, Snap snap, String profile, double limitMillis) {
        ShortestPathTree tree = new ShortestPathTree(graph, weighting(profile), false, TraversalMode.NODE_BASED);
        tree.setTimeLimit(limitMillis);
        NodeAccess nodes = graph.getNodeAccess();
        List<LineString> reached = new ArrayList<>();
        tree.search(snap.getClosestNode(), label -> {
            if (label.parent != null) {
                reached.add(segment(nodes, label.parent.node, label.node, 1));
            }
        });
        for (ShortestPathTree.IsoLabel label : tree.getIsochroneEdges(limitMillis)) {
            double fraction = (limitMillis - label.parent.time) / (double) (label.time - label.parent.time);
            reached.add(segment(nodes, label.parent.node, label.node, Math.max(0, Math.min(1, fraction))));
        }
        Coordinate start = new Coordinate(nodes.getLon(snap.getClosestNode()), nodes.getLat(snap.getClosestNode()));
        Geometry roads = reached.isEmpty() ? TravelTimes.GEOMETRY.createPoint(start)
                : TravelTimes.GEOMETRY.createMultiLineString(reached.toArray(LineString[]::new));
        return roads.buffer(CORRIDOR_DEGREES);
    }

    private static LineString segment(NodeAccess nodes, int from, int to, double fraction) {
        double lon = nodes.getLon(from);
        double lat = nodes.getLat(from);
        return TravelTimes.GEOMETRY.createLineString(new Coordinate[]{new Coordinate(lon, lat),
                new Coordinate(lon + (nodes.getLon(to) - lon) * fraction, lat + (nodes.getLat(to) - lat) * fraction)});
    }

    @Override
    public void close() {
        hopper.close();
    }
}
