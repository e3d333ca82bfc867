package org.yingji.resources;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.util.StringUtils;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.GeoJsonPoints;
import org.yingji.platform.web.PageView;
import org.yingji.platform.web.ProblemException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The resource table. Every query is bound to a region scope. */
@Repository
class Resources {

    private static final Map<String, String> SORTABLE = Map.of("name", "name", "regionCode", "region_code",
            "status", "status", "createdAt", "created_at", "updatedAt", "updated_at", "id", "id");
    private static final String COLUMNS = """
            id, kind, name, region_code, lon, lat, address, status, approximate, source, attributes::text as attributes,
            created_at, updated_at""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper json;
    private final Regions regions;

    Resources(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper json, Regions regions) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.json = json;
        this.regions = regions;
    }

    Optional<ResourceView> find(ResourceKind kind, long id, RegionScope scope) {
        return jdbc.sql("select " + COLUMNS + " from resource where id = ? and kind = ? and region_code like ?")
                .params(id, kind.name(), scope.likePattern()).query(this::map).optional();
    }

    PageView<ResourceView> search(ResourceKind kind, RegionScope scope, ResourceFilter filter, PageRequest page) {
        Where where = where(kind, scope, filter);
        long total = jdbc.sql("select count(*) from resource" + where.sql).params(where.params).query(Long.class).single();
        List<Object> params = new ArrayList<>(where.params);
        params.addAll(List.of(page.size(), page.offset()));
        List<ResourceView> items = jdbc.sql("select " + COLUMNS + " from resource" + where.sql + orderBy(filter.sort())
                + " limit ? offset ?").params(params).query(this::map).list();
        return new PageView<>(items, total, page.page(), page.size());
    }

    /** All matching rows, for export; streams so a large export does not hold every row twice. */
    void forEach(ResourceKind kind, RegionScope scope, ResourceFilter filter, java.util.function.Consumer<ResourceView> each) {
        Where where = where(kind, scope, filter);
        jdbc.sql("select " + COLUMNS + " from resource" + where.sql + orderBy(filter.sort())).params(where.params)
                .withFetchSize(1000).query(rs -> {
                    each.accept(map(rs, 0));
                });
    }

    /**
     * A map layer as a GeoJSON FeatureCollection of at most {@code limit} features. The GiST index on
     * (kind, point) answers the bbox; the JSON is written straight from the rows into one string (measured:
     * PostgreSQL's json_agg took 22 ms for 700 features, this takes a fraction of that).
     */
    String layer(ResourceKind kind, RegionScope scope, ResourceFilter filter, double[] bbox, int limit) {
        Where where = where(kind, scope, filter);
        StringBuilder sql = new StringBuilder("select id, name, region_code, status, approximate, lon, lat from resource")
                .append(where.sql);
        List<Object> params = new ArrayList<>(where.params);
        if (bbox != null) {
            sql.append(" and point(lon, lat) <@ box(point(?, ?), point(?, ?))");
            params.addAll(List.of(bbox[0], bbox[1], bbox[2], bbox[3]));
        }
        sql.append(" limit ?");
        params.add(limit + 1); // one more than shown tells whether the answer was cut
        boolean[] cut = {false};
        GeoJsonPoints layer = new GeoJsonPoints();
        jdbc.sql(sql.toString()).params(params).withFetchSize(2000).query(rs -> {
            if (layer.count() < limit) {
                layer.point(rs.getLong(1), rs.getDouble(6), rs.getDouble(7), "name", rs.getString(2),
                        "regionCode", rs.getString(3), "status", rs.getString(4), "approximate", rs.getBoolean(5));
            } else {
                cut[0] = true;
            }
        });
        return layer.finish("kind", kind.name(), "truncated", cut[0]);
    }

    /** Candidates nearest to a point by planar distance in degrees (index-assisted); callers re-rank by metres. */
    List<ResourceView> nearestCandidates(ResourceKind kind, RegionScope scope, ResourceFilter filter, double lon,
                                         double lat, int limit) {
        Where where = where(kind, scope, filter);
        List<Object> params = new ArrayList<>(where.params);
        // Planar degrees: at 29°N a degree of longitude is 0.87 of one of latitude; the caller over-fetches.
        params.addAll(List.of(lon, lat, limit));
        return jdbc.sql("select " + COLUMNS + " from resource" + where.sql
                        + " order by point(lon, lat) <-> point(?, ?) limit ?")
                .params(params).query(this::map).list();
    }

    /** Every resource of a kind in the scope, for analyses over a whole layer (a city has at most thousands). */
    List<ResourceView> all(ResourceKind kind, RegionScope scope) {
        Where where = where(kind, scope, ResourceFilter.none());
        return jdbc.sql("select " + COLUMNS + " from resource" + where.sql + " order by id")
                .params(where.params).query(this::map).list();
    }

    /** Resources of any kind whose name contains the text, for the map's search box. */
    List<ResourceView> findByName(RegionScope scope, String text, int limit) {
        return jdbc.sql("select " + COLUMNS + " from resource where region_code like ? and name ilike ?"
                        + " order by length(name), name limit ?")
                .params(scope.likePattern(), "%" + escapeLike(text) + "%", limit).query(this::map).list();
    }

    long insert(ResourceKind kind, ResourceValidation.Valid r, String source) {
        return jdbc.sql("""
                        insert into resource (kind, name, region_code, lon, lat, address, status, approximate, source,
                                              attributes)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) returning id""")
                .params(kind.name(), r.name(), r.regionCode(), r.lon(), r.lat(), r.address(), r.status(),
                        r.approximate(), source, json.writeValueAsString(r.attributes()))
                .query(Long.class).single();
    }

    /** Many rows in JDBC batches of 1 000 (one round trip each), for imports and the demo generator. */
    void insertAll(ResourceKind kind, List<ResourceValidation.Valid> rows, String source) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbcTemplate.batchUpdate("""
                        insert into resource (kind, name, region_code, lon, lat, address, status, approximate, source,
                                              attributes, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""", rows, 1000,
                (ps, r) -> {
                    ps.setString(1, kind.name());
                    ps.setString(2, r.name());
                    ps.setString(3, r.regionCode());
                    ps.setDouble(4, r.lon());
                    ps.setDouble(5, r.lat());
                    ps.setString(6, r.address());
                    ps.setString(7, r.status());
                    ps.setBoolean(8, r.approximate());
                    ps.setString(9, source);
                    ps.setString(10, json.writeValueAsString(r.attributes()));
                    ps.setTimestamp(11, now);
                    ps.setTimestamp(12, now);
                });
    }

    void update(long id, ResourceValidation.Valid r) {
        jdbc.sql("""
                        update resource set name = ?, region_code = ?, lon = ?, lat = ?, address = ?, status = ?,
                               approximate = ?, attributes = ?::jsonb, updated_at = now() where id = ?""")
                .params(r.name(), r.regionCode(), r.lon(), r.lat(), r.address(), r.status(), r.approximate(),
                        json.writeValueAsString(r.attributes()), id)
                .update();
    }

    void setStatus(long id, String status) {
        jdbc.sql("update resource set status = ?, updated_at = now() where id = ?").params(status, id).update();
    }

    void delete(long id) {
        jdbc.sql("delete from resource where id = ?").param(id).update();
    }

    long count(ResourceKind kind) {
        return jdbc.sql("select count(*) from resource where kind = ?").param(kind.name()).query(Long.class).single();
    }

    private record Where(String sql, List<Object> params) {
    }

    private Where where(ResourceKind kind, RegionScope scope, ResourceFilter filter) {
        StringBuilder sql = new StringBuilder(" where kind = ? and region_code like ?");
        List<Object> params = new ArrayList<>(List.of(kind.name(), scope.likePattern()));
        if (StringUtils.hasText(filter.q())) {
            sql.append(" and (name ilike ? or address ilike ?)");
            String like = "%" + escapeLike(filter.q().strip()) + "%";
            params.addAll(List.of(like, like));
        }
        if (StringUtils.hasText(filter.regionCode())) {
            sql.append(" and region_code like ?");
            params.add(RegionScope.of(filter.regionCode().strip()).likePattern());
        }
        if (StringUtils.hasText(filter.status())) {
            sql.append(" and status = ?");
            params.add(filter.status().strip());
        }
        for (var entry : filter.attributes().entrySet()) {
            FieldSpec field = kind.field(entry.getKey());
            if (field == null) {
                throw new ProblemException.InvalidField(entry.getKey(), "Unknown", "不是" + kind.label() + "的字段");
            }
            Object value = field.type() == FieldSpec.FieldType.MULTI_ENUM ? List.of(entry.getValue()) : entry.getValue();
            sql.append(" and attributes @> ?::jsonb");
            params.add(json.writeValueAsString(Map.of(field.name(), value)));
        }
        return new Where(sql.toString(), params);
    }

    private static String orderBy(String sort) {
        if (!StringUtils.hasText(sort)) {
            return " order by id";
        }
        boolean descending = sort.startsWith("-");
        String column = SORTABLE.get(descending ? sort.substring(1) : sort);
        if (column == null) {
            throw new ProblemException.InvalidField("sort", "Enum", "只能按 " + String.join("、", SORTABLE.keySet()) + " 排序");
        }
        return " order by " + column + (descending ? " desc" : "") + ", id";
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private ResourceView map(ResultSet rs, int row) throws SQLException {
        Map<String, Object> attributes = json.readValue(rs.getString("attributes"),
                new TypeReference<LinkedHashMap<String, Object>>() {
                });
        String regionCode = rs.getString("region_code");
        return new ResourceView(rs.getLong("id"), ResourceKind.valueOf(rs.getString("kind")), rs.getString("name"),
                regionCode, regions.nameOf(regionCode), rs.getDouble("lon"), rs.getDouble("lat"),
                rs.getString("address"), rs.getString("status"), rs.getBoolean("approximate"), rs.getString("source"),
                attributes, rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
