package org.yingji.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.locationtech.jts.util.GeometricShapeFactory;
import org.springframework.stereotype.Service;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.web.ProblemException;
import org.yingji.resources.ResourceKind;
import org.yingji.resources.ResourceQueries;
import org.yingji.resources.ResourceView;

/**
 * Travel times for the other modules (command's dispatch) and this module's endpoints: over the road graph when
 * one is loaded, otherwise a straight-line estimate (distance × detour factor ÷ average speed). Every answer says
 * which of the two it is ({@code estimate}, {@code basis}) so nobody mistakes a guess for a measured time.
 */
@Service
public class TravelTimes {

    static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);
    /**
     * straight-line candidates fetched per wanted result before ranking by travel time: a resource that is not
     * among the 3n nearest in a straight line is taken not to be among the n fastest (see docs/API.md)
     */
    static final int OVERFETCH = 3;
    static final double MAX_MINUTES = 60;

    private final RoadNetwork network;
    private final RoutingSettings settings;
    private final ResourceQueries resources;

    TravelTimes(RoadNetwork network, RoutingSettings settings, ResourceQueries resources) {
        this.network = network;
        this.settings = settings;
        this.resources = resources;
    }

    /** How one travels: a fire engine or truck, or on foot (e.g. from a village to a shelter). */
    public enum Mode {
        CAR(RoadGraph.CAR), FOOT(RoadGraph.FOOT);

        final String profile;

        Mode(String profile) {
            this.profile = profile;
        }
    }

    /** estimate only: walking speed */
    static final double WALKING_KMH = 5;

    /** Whether answers come from the road graph, and how an estimate is made when not. */
    public record Basis(boolean estimate, String text) {
    }

    /** @param line the route as [lon, lat] positions (an estimate: the straight segment) */
    public record Route(double seconds, double meters, List<double[]> line, boolean estimate, String basis) {
    }

    /** @param seconds [origin][destination]; null where a destination cannot be reached */
    public record Matrix(Double[][] seconds, boolean estimate, String basis) {
    }

    /** A resource with its travel time to the query point and its straight-line distance. */
    public record Nearby(ResourceView resource, Double seconds, double straightMeters) {
    }

    public record NearbyList(List<Nearby> items, boolean estimate, String basis) {
    }

    /** @param area WGS84 polygon(s); empty when the point reaches nothing within the time */
    public record Isochrone(double minutes, Geometry area, boolean estimate, String basis) {
    }

    public Basis basis() {
        if (network.graph() != null) {
            return new Basis(false, "按路网计算（" + java.nio.file.Path.of(settings.osmFile()).getFileName()
                    + "，车辆按道路限速的 90% 行驶）");
        }
        String why = switch (network.state()) {
            case BUILDING -> "路网正在构建";
            case FAILED -> "路网构建失败";
            default -> "未配置路网";
        };
        return new Basis(true, String.format("估算（%s）：直线距离 × %.1f ÷ %.0f km/h", why, settings.detourFactor(),
                settings.averageSpeedKmh()));
    }

    /** The fastest drive from one point to another. */
    public Route route(double fromLon, double fromLat, double toLon, double toLat) {
        return route(Mode.CAR, fromLon, fromLat, toLon, toLat);
    }

    /** The fastest way from one point to another, driving or walking. */
    public Route route(Mode mode, double fromLon, double fromLat, double toLon, double toLat) {
        Basis basis = basis();
        RoadGraph graph = network.graph();
        if (graph != null) {
            RoadGraph.Leg leg = graph.route(mode.profile, fromLon, fromLat, toLon, toLat);
            if (leg == null) {
                throw new ProblemException.InvalidField("to", "routing.unreachable", "从起点无法经道路到达终点");
            }
            return new Route(leg.seconds(), leg.meters(), leg.line(), false, basis.text());
        }
        double meters = ResourceQueries.haversineMeters(fromLon, fromLat, toLon, toLat) * settings.detourFactor();
        return new Route(meters / (estimateKmh(mode) / 3.6), meters,
                List.of(new double[]{fromLon, fromLat}, new double[]{toLon, toLat}), true, basis.text());
    }

    /** Driving times from every origin to every destination ([lon, lat] pairs). */
    public Matrix matrix(List<double[]> origins, List<double[]> destinations) {
        if ((long) origins.size() * destinations.size() > settings.matrixLimit()) {
            throw new ProblemException.InvalidField("destinations", "routing.matrix-too-large",
                    "起点数 × 终点数不能超过 " + settings.matrixLimit());
        }
        Basis basis = basis();
        RoadGraph graph = network.graph();
        Double[][] seconds = new Double[origins.size()][destinations.size()];
        for (int i = 0; i < origins.size(); i++) {
            double[] o = origins.get(i);
            if (graph != null) {
                double[] row = graph.oneToMany(RoadGraph.CAR, o[0], o[1], "origins", destinations, false,
                        destinations.size(), Double.MAX_VALUE);
                for (int j = 0; j < row.length; j++) {
                    seconds[i][j] = Double.isNaN(row[j]) ? null : row[j];
                }
            } else {
                for (int j = 0; j < destinations.size(); j++) {
                    double[] d = destinations.get(j);
                    double straight = ResourceQueries.haversineMeters(o[0], o[1], d[0], d[1]);
                    seconds[i][j] = estimateSeconds(straight * settings.detourFactor());
                }
            }
        }
        return new Matrix(seconds, basis.estimate(), basis.text());
    }

    /**
     * The {@code n} resources of a kind that reach a point soonest (a team driving to an incident): straight-line
     * candidates from the resource base, ranked by one reverse search over the road graph.
     *
     * @param attributes kind-specific equality filters, e.g. {@code specialties=HAZCHEM}
     */
    public NearbyList nearest(RegionScope scope, ResourceKind kind, double lon, double lat, int n, String status,
                              Map<String, String> attributes) {
        Basis basis = basis();
        List<ResourceQueries.Nearby> candidates = resources.nearest(scope, kind, lon, lat, n * OVERFETCH, status,
                attributes);
        RoadGraph graph = network.graph();
        List<Nearby> ranked = new ArrayList<>(candidates.size());
        if (graph != null) {
            List<double[]> points = candidates.stream().map(c -> new double[]{c.resource().lon(), c.resource().lat()})
                    .toList();
            double[] seconds = graph.oneToMany(RoadGraph.CAR, lon, lat, "lon", points, true, n,
                    Double.MAX_VALUE);
            for (int i = 0; i < candidates.size(); i++) {
                ranked.add(new Nearby(candidates.get(i).resource(), Double.isNaN(seconds[i]) ? null : seconds[i],
                        candidates.get(i).distanceMeters()));
            }
        } else {
            for (ResourceQueries.Nearby c : candidates) {
                ranked.add(new Nearby(c.resource(), estimateSeconds(c.distanceMeters() * settings.detourFactor()),
                        c.distanceMeters()));
            }
        }
        ranked.sort(Comparator.comparing(Nearby::seconds, Comparator.nullsLast(Comparator.naturalOrder())));
        return new NearbyList(ranked.subList(0, Math.min(n, ranked.size())), basis.estimate(), basis.text());
    }

    /** The area a fire engine starting at the point reaches within {@code minutes} (0 < minutes ≤ 60). */
    public Isochrone isochrone(double lon, double lat, double minutes) {
        return isochrone(Mode.CAR, lon, lat, minutes);
    }

    /** The area reached from the point within {@code minutes} (0 < minutes ≤ 60), driving or walking. */
    public Isochrone isochrone(Mode mode, double lon, double lat, double minutes) {
        requireMinutes(minutes);
        Basis basis = basis();
        RoadGraph graph = network.graph();
        Geometry area;
        if (graph != null) {
            area = graph.isochrone(mode.profile, lon, lat, minutes * 60);
        } else {
            area = circle(lon, lat, minutes * 60 * estimateKmh(mode) / 3.6 / settings.detourFactor());
        }
        return new Isochrone(minutes, area, basis.estimate(), basis.text());
    }

    /**
     * The area reached within {@code minutes} from the nearest of several points (e.g. every fire station): the
     * union of their isochrones, computed in one search. Points off the road network are left out.
     */
    public Isochrone reachable(List<double[]> starts, double minutes) {
        requireMinutes(minutes);
        Basis basis = basis();
        RoadGraph graph = network.graph();
        Geometry area;
        if (graph != null) {
            area = graph.reachable(RoadGraph.CAR, graph.snapAll(RoadGraph.CAR, starts), minutes * 60);
        } else {
            List<Geometry> circles = starts.stream().map(p -> circle(p[0], p[1], estimateRadius(minutes))).toList();
            area = circles.isEmpty() ? GEOMETRY.createPolygon() : UnaryUnionOp.union(circles);
        }
        return new Isochrone(minutes, area, basis.estimate(), basis.text());
    }

    private double estimateRadius(double minutes) {
        return minutes * 60 * settings.averageSpeedKmh() / 3.6 / settings.detourFactor();
    }

    private double estimateKmh(Mode mode) {
        return mode == Mode.FOOT ? WALKING_KMH : settings.averageSpeedKmh();
    }

    static void requireMinutes(double minutes) {
        if (!(minutes > 0) || minutes > MAX_MINUTES) {
            throw new ProblemException.InvalidField("minutes", "Range", "时间须大于 0 且不超过 60 分钟");
        }
    }

    private double estimateSeconds(double roadMeters) {
        return roadMeters / (settings.averageSpeedKmh() / 3.6);
    }

    /** A circle of {@code meters} around a point, as a 64-gon in degrees (longitude shrunk by the latitude). */
    static Geometry circle(double lon, double lat, double meters) {
        GeometricShapeFactory shape = new GeometricShapeFactory(GEOMETRY);
        shape.setNumPoints(64);
        shape.setCentre(new Coordinate(lon, lat));
        double dLat = meters / 111_195.0;
        shape.setHeight(2 * dLat);
        shape.setWidth(2 * dLat / Math.cos(Math.toRadians(lat)));
        return shape.createEllipse();
    }
}
