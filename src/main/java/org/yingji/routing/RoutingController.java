package org.yingji.routing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;
import org.yingji.resources.ResourceKind;
import org.yingji.resources.ResourceQueries;

/**
 * Travel times over the road network. Points are free coordinates (WGS84), not region data, so only the
 * nearest-resources query applies the caller's region scope (to the resources it returns).
 */
@Tag(name = "道路路径 Routing")
@RestController
@PreAuthorize("hasAuthority('routing:read')")
@RequestMapping("/api/routing")
class RoutingController {

    private final TravelTimes travelTimes;
    private final RoadNetwork network;

    RoutingController(TravelTimes travelTimes, RoadNetwork network) {
        this.travelTimes = travelTimes;
        this.network = network;
    }

    record Status(String state, boolean estimate, String basis, Integer nodes, Integer edges, String failure) {
    }

    record RouteView(double seconds, double meters, Map<String, Object> geometry, boolean estimate, String basis) {
    }

    record IsochroneView(double minutes, Map<String, Object> geometry, boolean estimate, String basis) {
    }

    @Operation(summary = "Whether travel times come from the road graph or are estimates, and the graph's size")
    @GetMapping("/status")
    Status status() {
        TravelTimes.Basis basis = travelTimes.basis();
        RoadGraph graph = network.graph();
        return new Status(network.state().name(), basis.estimate(), basis.text(),
                graph == null ? null : graph.nodes(), graph == null ? null : graph.edges(), network.failure());
    }

    @Operation(summary = "The fastest drive from one point to another: time, distance and the route as GeoJSON")
    @GetMapping("/route")
    RouteView route(@RequestParam double fromLon, @RequestParam double fromLat, @RequestParam double toLon,
                    @RequestParam double toLat, @RequestParam(defaultValue = "CAR") TravelTimes.Mode mode) {
        requireLonLat("fromLon", fromLon, "fromLat", fromLat);
        requireLonLat("toLon", toLon, "toLat", toLat);
        TravelTimes.Route route = travelTimes.route(mode, fromLon, fromLat, toLon, toLat);
        return new RouteView(route.seconds(), route.meters(), GeoJson.line(route.line()), route.estimate(),
                route.basis());
    }

    @Operation(summary = "Driving times in seconds from every origin to every destination (lon,lat;lon,lat…)")
    @GetMapping("/matrix")
    TravelTimes.Matrix matrix(@RequestParam String origins, @RequestParam String destinations) {
        List<double[]> from = points("origins", origins, Integer.MAX_VALUE);
        List<double[]> to = points("destinations", destinations, Integer.MAX_VALUE);
        if (from.isEmpty() || to.isEmpty()) {
            throw new ProblemException.InvalidField(from.isEmpty() ? "origins" : "destinations", "NotEmpty",
                    "至少需要一个点");
        }
        return travelTimes.matrix(from, to);
    }

    @Operation(summary = "The n resources of a kind that reach a point soonest by road, with filters "
            + "(status, and kind fields such as specialties=HAZCHEM)")
    @PreAuthorize("hasAuthority('routing:read') and hasAuthority('resource:read')")
    @GetMapping("/nearest")
    TravelTimes.NearbyList nearest(@RequestParam String kind, @RequestParam double lon, @RequestParam double lat,
                                   @RequestParam(defaultValue = "10") int n,
                                   @RequestParam(required = false) String status,
                                   @RequestParam Map<String, String> params) {
        ResourceKind resourceKind = ResourceKind.fromPath(kind);
        if (resourceKind == null) {
            throw new ProblemException.InvalidField("kind", "Unknown", "资源类型不存在");
        }
        if (n < 1 || n > 100) {
            throw new ProblemException.InvalidField("n", "Range", "须在 1 到 100 之间");
        }
        requireLonLat("lon", lon, "lat", lat);
        return travelTimes.nearest(CurrentUser.get().scope(), resourceKind, lon, lat, n,
                status == null || status.isBlank() ? null : status,
                ResourceQueries.attributeFilters(resourceKind, params));
    }

    @Operation(summary = "The area reached from a point within the given minutes (0 < T ≤ 60), by car or on foot")
    @GetMapping("/isochrone")
    IsochroneView isochrone(@RequestParam double lon, @RequestParam double lat,
                            @RequestParam(defaultValue = "5") double minutes,
                            @RequestParam(defaultValue = "CAR") TravelTimes.Mode mode) {
        requireLonLat("lon", lon, "lat", lat);
        TravelTimes.Isochrone isochrone = travelTimes.isochrone(mode, lon, lat, minutes);
        return new IsochroneView(minutes, GeoJson.of(isochrone.area()), isochrone.estimate(), isochrone.basis());
    }

    static void requireLonLat(String lonField, double lon, String latField, double lat) {
        if (!(lon >= -180 && lon <= 180)) {
            throw new ProblemException.InvalidField(lonField, "Range", "经度须在 -180 到 180 之间");
        }
        if (!(lat >= -90 && lat <= 90)) {
            throw new ProblemException.InvalidField(latField, "Range", "纬度须在 -90 到 90 之间");
        }
    }

    /** Semicolon-separated lon and lat pairs → positions; a 400 naming the field for a bad one. */
    static List<double[]> points(String field, String text, int max) {
        List<double[]> points = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return points;
        }
        for (String part : text.split(";")) {
            String[] xy = part.strip().split(",");
            if (xy.length != 2) {
                throw new ProblemException.InvalidField(field, "Format", "格式须为 经度,纬度;经度,纬度");
            }
            try {
                double lon = Double.parseDouble(xy[0].strip());
                double lat = Double.parseDouble(xy[1].strip());
                requireLonLat(field, lon, field, lat);
                points.add(new double[]{lon, lat});
            } catch (NumberFormatException e) {
                throw new ProblemException.InvalidField(field, "Format", "经纬度须为数字");
            }
        }
        if (points.size() > max) {
            throw new ProblemException.InvalidField(field, "Size", "最多 " + max + " 个点");
        }
        return points;
    }
}
