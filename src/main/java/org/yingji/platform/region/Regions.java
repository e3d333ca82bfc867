package org.yingji.platform.region;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.ProblemException;

/**
 * The region directory, held in memory: about 1 100 rows that change only with a new division list, read on
 * almost every request for scope checks and names.
 */
@Component
public class Regions {

    private final JdbcClient jdbc;
    private volatile Map<String, Region> byCode = Map.of();
    private volatile Map<String, String> boundaries = Map.of();

    Regions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads the table again; called after seeding. */
    void reload() {
        Map<String, Region> regions = new LinkedHashMap<>();
        Map<String, String> shapes = new LinkedHashMap<>();
        jdbc.sql("select code, name, level, parent_code, lon, lat, approximate, population, boundary from region order by code")
                .query(rs -> {
                    Region region = new Region(rs.getString("code"), rs.getString("name"),
                            RegionLevel.valueOf(rs.getString("level")), rs.getString("parent_code"),
                            (Double) rs.getObject("lon"), (Double) rs.getObject("lat"), rs.getBoolean("approximate"),
                            rs.getInt("population"));
                    regions.put(region.code(), region);
                    String boundary = rs.getString("boundary");
                    if (boundary != null) {
                        shapes.put(region.code(), boundary);
                    }
                });
        byCode = Collections.unmodifiableMap(regions);
        boundaries = Collections.unmodifiableMap(shapes);
    }

    public Optional<Region> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public String nameOf(String code) {
        return find(code).map(Region::name).orElse(code);
    }

    public boolean exists(String code) {
        return byCode.containsKey(code);
    }

    /** Regions in the scope, filtered by level and/or parent (either may be null), ordered by code. */
    public List<Region> list(RegionScope scope, RegionLevel level, String parentCode) {
        List<Region> result = new ArrayList<>();
        for (Region region : byCode.values()) {
            if (scope.contains(region.code())
                    && (level == null || region.level() == level)
                    && (parentCode == null || parentCode.equals(region.parentCode()))) {
                result.add(region);
            }
        }
        result.sort(Comparator.comparing(Region::code));
        return result;
    }

    /**
     * Why a region code may not be used by a user of {@code scope} in {@code field}: unknown, or outside the
     * subtree. Null when it may.
     */
    public FieldProblem scopeProblem(String field, String code, RegionScope scope) {
        if (!exists(code)) {
            return new FieldProblem(field, "region.unknown", "行政区划代码不存在");
        }
        if (!scope.contains(code)) {
            return new FieldProblem(field, "region.outside-scope", "超出您的管辖范围");
        }
        return null;
    }

    /** Throws a 400 naming {@code field} when the code is unknown or outside the scope. */
    public void requireInScope(String field, String code, RegionScope scope) {
        FieldProblem problem = scopeProblem(field, code, scope);
        if (problem != null) {
            throw new ProblemException.InvalidField(problem.field(), problem.key(), problem.message());
        }
    }

    /** The GeoJSON geometry of a region's boundary, if public data has one. */
    public Optional<String> boundary(String code) {
        return Optional.ofNullable(boundaries.get(code));
    }

    /** The codes above a region, nearest first (a township → its county → the city). */
    public List<String> ancestorsOf(String code) {
        List<String> result = new ArrayList<>();
        Region region = byCode.get(code);
        while (region != null && region.parentCode() != null) {
            result.add(region.parentCode());
            region = byCode.get(region.parentCode());
        }
        return result;
    }

    int size() {
        return byCode.size();
    }
}
