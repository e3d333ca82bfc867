package org.yingji.safety;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.util.StringUtils;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.GeoJsonPoints;
import org.yingji.platform.web.PageView;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The enterprise table. */
@Repository
class Enterprises {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Regions regions;

    Enterprises(JdbcClient jdbc, JsonMapper json, Regions regions) {
        this.jdbc = jdbc;
        this.json = json;
        this.regions = regions;
    }

    record Fields(CreditCode creditCode, String name, Industry industry, String scale, String park, String regionCode,
                  double lon, double lat, String legalRepresentative, String safetyManager, String safetyManagerPhone,
                  List<Map<String, Object>> licences) {
    }

    Optional<EnterpriseView> find(long id, Visibility.Condition visible) {
        return jdbc.sql("select * from enterprise e where e.id = ? and " + visible.sql())
                .params(id, visible.parameter()).query(this::map).optional();
    }

    PageView<EnterpriseView> search(Visibility.Condition visible, String q, Industry industry, String regionCode,
                                    RiskLevel riskLevel, PageRequest page) {
        StringBuilder where = new StringBuilder(" where " + visible.sql());
        List<Object> params = new ArrayList<>(List.of(visible.parameter()));
        if (StringUtils.hasText(q)) {
            where.append(" and (e.name ilike ? or e.credit_code = ?)");
            params.addAll(List.of("%" + q.strip() + "%", q.strip().toUpperCase()));
        }
        if (industry != null) {
            where.append(" and e.industry = ?");
            params.add(industry.name());
        }
        if (StringUtils.hasText(regionCode)) {
            where.append(" and e.region_code like ?");
            params.add(RegionScope.of(regionCode).likePattern());
        }
        if (riskLevel != null) {
            where.append(" and e.risk_level = ?");
            params.add(riskLevel.name());
        }
        long total = jdbc.sql("select count(*) from enterprise e" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.addAll(List.of(page.size(), page.offset()));
        return new PageView<>(jdbc.sql("select * from enterprise e" + where + " order by e.id limit ? offset ?")
                .params(pageParams).query(this::map).list(), total, page.page(), page.size());
    }

    boolean creditCodeTaken(String creditCode, Long exceptId) {
        return jdbc.sql("select count(*) from enterprise where credit_code = ? and id <> ?")
                .params(creditCode, exceptId == null ? -1L : exceptId).query(Long.class).single() > 0;
    }

    long insert(Fields f) {
        return jdbc.sql("""
                        insert into enterprise (credit_code, name, industry, scale, park, region_code, lon, lat,
                          legal_representative, safety_manager, safety_manager_phone, licences)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) returning id""")
                .params(f.creditCode().value(), f.name(), f.industry().name(), f.scale(), f.park(), f.regionCode(),
                        f.lon(), f.lat(), f.legalRepresentative(), f.safetyManager(), f.safetyManagerPhone(),
                        json.writeValueAsString(f.licences()))
                .query(Long.class).single();
    }

    void update(long id, Fields f) {
        jdbc.sql("""
                        update enterprise set credit_code = ?, name = ?, industry = ?, scale = ?, park = ?, region_code = ?,
                          lon = ?, lat = ?, legal_representative = ?, safety_manager = ?, safety_manager_phone = ?,
                          licences = ?::jsonb, updated_at = now() where id = ?""")
                .params(f.creditCode().value(), f.name(), f.industry().name(), f.scale(), f.park(), f.regionCode(),
                        f.lon(), f.lat(), f.legalRepresentative(), f.safetyManager(), f.safetyManagerPhone(),
                        json.writeValueAsString(f.licences()), id)
                .update();
        jdbc.sql("update safety_hazard set region_code = ?, county_code = ?, industry = ? where enterprise_id = ?")
                .params(f.regionCode(), f.regionCode().substring(0, 6), f.industry().name(), id).update();
    }

    /** Sets the enterprise's overall level to the worst of its risk points. */
    void refreshRiskLevel(long id) {
        jdbc.sql("""
                        update enterprise set risk_level = (
                          select level from risk_point where enterprise_id = ?
                          order by case level when 'RED' then 0 when 'ORANGE' then 1 when 'YELLOW' then 2 else 3 end
                          limit 1) where id = ?""")
                .params(id, id).update();
    }

    void addMember(long enterpriseId, long userId) {
        jdbc.sql("insert into enterprise_member (enterprise_id, user_id) values (?, ?) on conflict do nothing")
                .params(enterpriseId, userId).update();
    }

    boolean removeMember(long enterpriseId, long userId) {
        return jdbc.sql("delete from enterprise_member where enterprise_id = ? and user_id = ?")
                .params(enterpriseId, userId).update() > 0;
    }

    List<Long> memberIds(long enterpriseId) {
        return jdbc.sql("select user_id from enterprise_member where enterprise_id = ? order by user_id")
                .param(enterpriseId).query(Long.class).list();
    }

    /** The four-colour map layer: every visible enterprise as a GeoJSON point with its risk level. */
    String layer(Visibility.Condition visible) {
        GeoJsonPoints layer = new GeoJsonPoints();
        jdbc.sql("select id, lon, lat, name, industry, park, risk_level, region_code from enterprise e where "
                        + visible.sql()).param(visible.parameter()).withFetchSize(5000)
                .query(rs -> {
                    layer.point(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), "name", rs.getString(4),
                            "industry", rs.getString(5), "park", rs.getString(6), "riskLevel", rs.getString(7),
                            "regionCode", rs.getString(8));
                });
        return layer.finish();
    }

    private EnterpriseView map(ResultSet rs, int row) throws SQLException {
        Industry industry = Industry.valueOf(rs.getString("industry"));
        String risk = rs.getString("risk_level");
        String regionCode = rs.getString("region_code");
        return new EnterpriseView(rs.getLong("id"), rs.getString("credit_code"), rs.getString("name"), industry,
                industry.label(), rs.getString("scale"), rs.getString("park"), regionCode, regions.nameOf(regionCode),
                rs.getDouble("lon"), rs.getDouble("lat"), rs.getString("legal_representative"),
                rs.getString("safety_manager"), rs.getString("safety_manager_phone"),
                json.readValue(rs.getString("licences"), new TypeReference<List<Map<String, Object>>>() {
                }), risk == null ? null : RiskLevel.valueOf(risk), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
