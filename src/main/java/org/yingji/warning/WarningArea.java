package org.yingji.warning;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.springframework.stereotype.Component;
import org.yingji.platform.region.GeoJsonGeometries;
import org.yingji.platform.region.Region;
import org.yingji.platform.region.RegionLevel;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;
import org.yingji.platform.web.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and checks the polygon(s) of a warning: GeoJSON Polygon or MultiPolygon in WGS84, every ring closed with
 * at least four positions, topologically valid (JTS IsValidOp: no self-intersection, no crossing holes) and
 * mostly inside Zigong (at least half of it within the county outlines widened by about 5 km: users draw with a
 * coarse hand along the border; targeting only finds recipients inside anyway).
 */
@Component
class WarningArea {

    static final double CITY_TOLERANCE_DEGREES = 0.05;
    static final double MIN_SHARE_INSIDE = 0.5;

    private final Regions regions;
    private final JsonMapper json;
    private volatile PreparedGeometry city;

    WarningArea(Regions regions, JsonMapper json) {
        this.regions = regions;
        this.json = json;
    }

    /** The problems of a drawn area; empty when it may be used. */
    List<FieldProblem> problems(String field, JsonNode area) {
        List<FieldProblem> problems = new ArrayList<>();
        if (area == null || area.isNull()) {
            return problems;
        }
        JsonNode type = area.get("type");
        JsonNode coordinates = area.get("coordinates");
        if (type == null || coordinates == null || !coordinates.isArray()
                || !("Polygon".equals(type.asString()) || "MultiPolygon".equals(type.asString()))) {
            problems.add(new FieldProblem(field, "area.type", "须为 GeoJSON Polygon 或 MultiPolygon"));
            return problems;
        }
        List<JsonNode> polygons = new ArrayList<>();
        if ("Polygon".equals(type.asString())) {
            polygons.add(coordinates);
        } else {
            coordinates.forEach(polygons::add);
        }
        if (polygons.isEmpty()) {
            problems.add(new FieldProblem(field, "area.empty", "区域不能为空"));
            return problems;
        }
        for (int p = 0; p < polygons.size(); p++) {
            JsonNode rings = polygons.get(p);
            if (!rings.isArray() || rings.isEmpty()) {
                problems.add(new FieldProblem(field, "area.empty", "第 " + (p + 1) + " 个多边形没有边界"));
                continue;
            }
            for (int r = 0; r < rings.size(); r++) {
                String where = "第 " + (p + 1) + " 个多边形的" + (r == 0 ? "外环" : "第 " + r + " 个内环");
                JsonNode ring = rings.get(r);
                if (!ring.isArray() || ring.size() < 4) {
                    problems.add(new FieldProblem(field, "area.too-few-points", where + "至少需要 4 个坐标点（首尾相同）"));
                    continue;
                }
                for (JsonNode position : ring) {
                    if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber()
                            || !position.get(1).isNumber()) {
                        problems.add(new FieldProblem(field, "area.position", where + "含非法坐标：" + position));
                        break;
                    }
                }
                JsonNode first = ring.get(0);
                JsonNode last = ring.get(ring.size() - 1);
                if (first.isArray() && last.isArray() && first.size() >= 2 && last.size() >= 2
                        && (first.get(0).asDouble() != last.get(0).asDouble()
                        || first.get(1).asDouble() != last.get(1).asDouble())) {
                    problems.add(new FieldProblem(field, "area.not-closed", where + "未闭合：首尾坐标须相同"));
                }
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        Geometry geometry = GeoJsonGeometries.read(area);
        TopologyValidationError error = new IsValidOp(geometry).getValidationError();
        if (error != null) {
            problems.add(new FieldProblem(field, "area.invalid." + errorKey(error),
                    "多边形不合法：" + errorMessage(error) + "，位置 " + format(error.getCoordinate())));
            return problems;
        }
        // Drawn by hand along the border an area may stick out a little; most of it must be in Zigong.
        double inside = city().getGeometry().intersection(geometry).getArea();
        if (inside < geometry.getArea() * MIN_SHARE_INSIDE) {
            problems.add(new FieldProblem(field, "area.outside-city", inside == 0 ? "区域超出自贡市范围"
                    : "区域超出自贡市范围：只有 " + Math.round(inside * 100 / geometry.getArea()) + "% 在市内"));
        }
        return problems;
    }

    /** Parses an area already checked by {@link #problems}. */
    static MultiPolygon read(JsonNode area) {
        Geometry geometry = GeoJsonGeometries.read(area);
        if (geometry instanceof Polygon polygon) {
            return GeoJsonGeometries.FACTORY.createMultiPolygon(new Polygon[]{polygon});
        }
        return (MultiPolygon) geometry;
    }

    static String write(MultiPolygon geometry) {
        StringBuilder out = new StringBuilder("{\"type\":\"MultiPolygon\",\"coordinates\":[");
        for (int p = 0; p < geometry.getNumGeometries(); p++) {
            Polygon polygon = (Polygon) geometry.getGeometryN(p);
            out.append(p == 0 ? "[" : ",[");
            for (int r = 0; r <= polygon.getNumInteriorRing(); r++) {
                LinearRing ring = r == 0 ? polygon.getExteriorRing() : polygon.getInteriorRingN(r - 1);
                out.append(r == 0 ? "[" : ",[");
                Coordinate[] coordinates = ring.getCoordinates();
                for (int i = 0; i < coordinates.length; i++) {
                    out.append(i == 0 ? "[" : ",[").append(coordinates[i].x).append(',').append(coordinates[i].y)
                            .append(']');
                }
                out.append(']');
            }
            out.append(']');
        }
        return out.append("]}").toString();
    }

    /** A ring given as lon/lat pairs: for CAP import and tests. */
    static Polygon polygon(List<double[]> points) {
        Coordinate[] coordinates = points.stream().map(p -> new Coordinate(p[0], p[1])).toArray(Coordinate[]::new);
        LinearRing shell = GeoJsonGeometries.FACTORY.createLinearRing(coordinates);
        return GeoJsonGeometries.FACTORY.createPolygon(shell);
    }

    private static String errorKey(TopologyValidationError error) {
        return switch (error.getErrorType()) {
            case TopologyValidationError.SELF_INTERSECTION, TopologyValidationError.RING_SELF_INTERSECTION ->
                    "self-intersection";
            case TopologyValidationError.HOLE_OUTSIDE_SHELL -> "hole-outside-shell";
            case TopologyValidationError.NESTED_HOLES, TopologyValidationError.NESTED_SHELLS -> "nested";
            case TopologyValidationError.DISCONNECTED_INTERIOR -> "disconnected-interior";
            case TopologyValidationError.TOO_FEW_POINTS -> "too-few-points";
            case TopologyValidationError.RING_NOT_CLOSED -> "not-closed";
            case TopologyValidationError.INVALID_COORDINATE -> "coordinate";
            default -> "topology";
        };
    }

    private static String errorMessage(TopologyValidationError error) {
        return switch (error.getErrorType()) {
            case TopologyValidationError.SELF_INTERSECTION, TopologyValidationError.RING_SELF_INTERSECTION ->
                    "边界自相交";
            case TopologyValidationError.HOLE_OUTSIDE_SHELL -> "内环在外环之外";
            case TopologyValidationError.NESTED_HOLES -> "内环相互嵌套";
            case TopologyValidationError.NESTED_SHELLS -> "多边形相互嵌套";
            case TopologyValidationError.DISCONNECTED_INTERIOR -> "内部不连通";
            case TopologyValidationError.TOO_FEW_POINTS -> "坐标点太少";
            case TopologyValidationError.INVALID_COORDINATE -> "坐标非法";
            default -> error.getMessage();
        };
    }

    private static String format(Coordinate c) {
        return c == null ? "未知" : String.format("%.6f,%.6f", c.x, c.y);
    }

    private PreparedGeometry city() {
        PreparedGeometry current = city;
        if (current == null) {
            Geometry union = null;
            for (Region county : regions.list(RegionScope.of("510300"), RegionLevel.COUNTY, null)) {
                Geometry shape = GeoJsonGeometries.read(json.readTree(regions.boundary(county.code()).orElseThrow()));
                union = union == null ? shape : union.union(shape);
            }
            current = PreparedGeometryFactory.prepare(union.buffer(CITY_TOLERANCE_DEGREES));
            city = current;
        }
        return current;
    }
}
