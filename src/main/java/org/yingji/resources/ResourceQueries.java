package org.yingji.resources;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.yingji.platform.region.RegionScope;

/**
 * What other modules ask of the resource base. "Nearest" here is straight-line distance: the routing module
 * uses it to pick candidates and ranks them by travel time (GET /api/routing/nearest).
 */
@Service
public class ResourceQueries {

    static final int OVERFETCH = 4;

    private final Resources resources;

    ResourceQueries(Resources resources) {
        this.resources = resources;
    }

    /** A resource with its great-circle distance from the query point. */
    public record Nearby(ResourceView resource, double distanceMeters) {
    }

    /**
     * The {@code n} resources of a kind nearest to a point, by great-circle distance.
     *
     * @param status     e.g. AVAILABLE, or null for any
     * @param attributes equality filters on kind-specific fields, e.g. {@code specialties=HAZCHEM}
     */
    public List<Nearby> nearest(RegionScope scope, ResourceKind kind, double lon, double lat, int n, String status,
                                Map<String, String> attributes) {
        ResourceFilter filter = new ResourceFilter(null, null, status, attributes, null);
        return resources.nearestCandidates(kind, scope, filter, lon, lat, n * OVERFETCH).stream()
                .map(r -> new Nearby(r, haversineMeters(lon, lat, r.lon(), r.lat())))
                .sorted(Comparator.comparingDouble(Nearby::distanceMeters))
                .limit(n)
                .toList();
    }

    /** Every resource of a kind in the scope (fire stations for coverage, hazard sources, protection targets). */
    public List<ResourceView> all(RegionScope scope, ResourceKind kind) {
        return resources.all(kind, scope);
    }

    /**
     * The kind-specific equality filters among request parameters (e.g. {@code specialties=HAZCHEM}), leaving
     * out q, regionCode, status, sort, page, size, bbox, limit, lon, lat, n and kind; a 400 names an unknown one.
     */
    public static Map<String, String> attributeFilters(ResourceKind kind, Map<String, String> params) {
        return ResourceController.attributeFilters(kind, params);
    }

    /** Great-circle distance in metres (WGS84 sphere). */
    public static double haversineMeters(double lon1, double lat1, double lon2, double lat2) {
        double earthRadius = 6_371_008.8;
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * earthRadius * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
