package org.yingji.platform.user;

import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The departments of the city's emergency system named in the plan (§三.(一).2) and each county's emergency
 * bureau, created once when the table is empty.
 */
@Component
@Order(20)
class DepartmentSeeder implements ApplicationRunner {

    private static final List<List<String>> CITY_DEPARTMENTS = List.of(
            List.of("ZG-YJJ", "自贡市应急管理局"), List.of("ZG-ZRZY", "自贡市自然资源和规划局"),
            List.of("ZG-SW", "自贡市水务局"), List.of("ZG-QX", "自贡市气象局"),
            List.of("ZG-ZJ", "自贡市住房和城乡建设局"), List.of("ZG-STHJ", "自贡市生态环境局"),
            List.of("ZG-JT", "自贡市交通运输局"), List.of("ZG-GA", "自贡市公安局"),
            List.of("ZG-XF", "自贡市消防救援支队"), List.of("ZG-WJ", "自贡市卫生健康委员会"));
    private static final List<List<String>> COUNTY_BUREAUS = List.of(
            List.of("510302", "自流井区应急管理局"), List.of("510303", "贡井区应急管理局"),
            List.of("510304", "大安区应急管理局"), List.of("510311", "沿滩区应急管理局"),
            List.of("510321", "荣县应急管理局"), List.of("510322", "富顺县应急管理局"));

    private final JdbcClient jdbc;
    private final Departments departments;

    DepartmentSeeder(JdbcClient jdbc, Departments departments) {
        this.jdbc = jdbc;
        this.departments = departments;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from department").query(Long.class).single() > 0) {
            return;
        }
        CITY_DEPARTMENTS.forEach(d -> departments.insert(d.get(0), d.get(1), "510300"));
        COUNTY_BUREAUS.forEach(d -> departments.insert("YJJ-" + d.get(0), d.get(1), d.get(0)));
    }
}
