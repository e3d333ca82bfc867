package org.yingji.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/** JTS geometries as GeoJSON objects for the API, positions rounded to 6 decimals (about 0.1 m). */
final class GeoJson {

    /** about 20 m: invisible on the city map, and it keeps a city-wide area to tens of kilobytes */
    private static final double SIMPLIFY_DEGREES = 0.0002;

    private GeoJson() {
    }

    static Map<String, Object> of(Geometry geometry) {
        Geometry simple = TopologyPreservingSimplifier.simplify(geometry, SIMPLIFY_DEGREES);
        List<Object> polygons = new ArrayList<>();
        for (int i = 0; i < simple.getNumGeometries(); i++) {
            if (simple.getGeometryN(i) instanceof Polygon polygon && !polygon.isEmpty()) {
                polygons.add(rings(polygon));
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "MultiPolygon");
        json.put("coordinates", polygons);
        return json;
    }

    static Map<String, Object> line(List<double[]> positions) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "LineString");
        json.put("coordinates", positions.stream().map(p -> new double[]{round(p[0]), round(p[1])}).toList());
        return json;
    }

    private static List<Object> rings(Polygon polygon) {
        List<Object> rings = new ArrayList<>();
        rings.add(positions(polygon.getExteriorRing()));
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            rings.add(positions(polygon.getInteriorRingN(i)));
        }
        return rings;
    }

    private static List<double[]> positions(LineString ring) {
        List<double[]> positions = new ArrayList<>();
        for (Coordinate c : ring.getCoordinates()) {
            positions.add(new double[]{round(c.x), round(c.y)});
        }
        return positions;
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }
}
