package org.yingji.resources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yingji.platform.region.Region;
import org.yingji.platform.region.RegionLevel;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;

/**
 * The resources Zigong's plan names (§四.(三), §四.(五)), placed at their township's or county's centre point
 * and therefore marked approximate; see docs/DATA.md. Facts the plan does not give (headcounts, phones) are left
 * empty for the bureau to fill in, not invented. Loaded once.
 */
@Component
@Order(40)
class ResourceSeeder implements ApplicationRunner {

    static final String SOURCE = "种子数据：自贡市“十四五”应急体系规划";
    private static final Logger log = LoggerFactory.getLogger(ResourceSeeder.class);

    /** §四.(三): township fire stations to build. */
    static final List<String> FIRE_STATION_TOWNSHIPS = List.of("仲权镇", "龙潭镇", "成佳镇", "永安镇", "长山镇",
            "双古镇", "双石镇", "代寺镇", "赵化镇", "板桥镇", "仙市镇", "新桥镇", "乐德镇", "牛佛镇");
    /** §四.(五): township reserve points. */
    static final List<String> RESERVE_POINT_TOWNSHIPS = List.of("牛佛镇", "何市镇", "狮市镇", "赵化镇");
    static final Map<String, String> COUNTY_DEPOTS = Map.of("510322", "富顺县应急物资储备库",
            "510321", "荣县应急物资储备库", "510311", "沿滩区应急物资储备库");

    private final JdbcClient jdbc;
    private final Resources resources;
    private final Regions regions;
    private final TransactionTemplate transaction;

    ResourceSeeder(JdbcClient jdbc, Resources resources, Regions regions, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.resources = resources;
        this.regions = regions;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from resource where source = ?").param(SOURCE).query(Long.class).single() > 0) {
            return;
        }
        transaction.executeWithoutResult(status -> seed());
    }

    private void seed() {
        List<ResourceValidation.Valid> stations = new ArrayList<>();
        for (String township : FIRE_STATION_TOWNSHIPS) {
            Region region = township(township);
            stations.add(at(region, township.replace("镇", "") + "乡镇消防站", Map.of("stationType", "TOWNSHIP"), null));
        }
        resources.insertAll(ResourceKind.FIRE_STATION, stations, SOURCE);

        Region fushun = regions.find("510322").orElseThrow();
        Region gongjing = regions.find("510303").orElseThrow();
        resources.insertAll(ResourceKind.RESCUE_TEAM, List.of(
                at(fushun, "中昊晨光危险化学品应急救援队", Map.of("teamKind", "PROFESSIONAL",
                        "specialties", List.of("HAZCHEM")), "AVAILABLE"),
                at(gongjing, "凤鸣通用机场航空应急救援基地", Map.of("teamKind", "PROFESSIONAL",
                        "specialties", List.of("AVIATION")), "AVAILABLE")), SOURCE);

        List<ResourceValidation.Valid> warehouses = new ArrayList<>();
        COUNTY_DEPOTS.forEach((code, name) -> warehouses.add(at(regions.find(code).orElseThrow(), name,
                Map.of("level", "COUNTY"), null)));
        for (String township : RESERVE_POINT_TOWNSHIPS) {
            warehouses.add(at(township(township), township.replace("镇", "") + "应急物资储备点",
                    Map.of("level", "TOWNSHIP"), null));
        }
        resources.insertAll(ResourceKind.WAREHOUSE, warehouses, SOURCE);

        resources.insertAll(ResourceKind.HAZARD_SOURCE, List.of(
                at(fushun, "四川富顺晨光经济开发区（化工园区）", Map.of("enterprise", "富顺晨光科技园区企业",
                        "chemicals", "有机氟、有机硅、环氧树脂原料", "industry", "化工"), null),
                at(regions.find("510311").orElseThrow(), "自贡川南新材料化工园区", Map.of("enterprise",
                        "园区企业（中国中化/中昊晨光等）", "chemicals", "氯碱、氟化工原料", "industry", "化工"), null)),
                SOURCE);
        seedIllustrativeStock();
        log.info("Seeded the resources named in Zigong's plan");
    }

    /** Illustrative quantities (the plan gives none) so the stock view has something to show; DATA.md says so. */
    private void seedIllustrativeStock() {
        jdbc.sql("""
                        insert into stock (warehouse_id, item_id, quantity, min_quantity)
                        select r.id, i.id,
                               case when r.attributes->>'level' = 'COUNTY' then 500 else 60 end
                                 * (1 + (r.id + i.id) % 4),
                               case when r.attributes->>'level' = 'COUNTY' then 800 else 100 end
                        from resource r cross join supply_item i
                        where r.kind = 'WAREHOUSE' and r.source = ?""")
                .param(SOURCE).update();
    }

    private Region township(String name) {
        return regions.list(RegionScope.of("510300"), RegionLevel.TOWNSHIP, null).stream()
                .filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Township not in the division list: " + name));
    }

    private static ResourceValidation.Valid at(Region region, String name, Map<String, Object> attributes,
                                               String status) {
        return new ResourceValidation.Valid(name, region.code(), region.lon(), region.lat(), null, status, true,
                new LinkedHashMap<>(attributes));
    }

}
