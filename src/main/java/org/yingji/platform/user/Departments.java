package org.yingji.platform.user;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.yingji.platform.region.RegionScope;

/** The department table. */
@Repository
public class Departments {

    private final JdbcClient jdbc;

    Departments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Department> findById(long id) {
        return jdbc.sql("select id, code, name, region_code from department where id = ?").param(id)
                .query(Department.class).optional();
    }

    /** Departments a user of the scope works with: those in the subtree and those above it (the city bureau). */
    public List<Department> visibleTo(RegionScope scope, List<String> ancestorCodes) {
        return jdbc.sql("""
                        select id, code, name, region_code from department
                        where region_code like ? or region_code = any(?) order by region_code, code""")
                .params(scope.likePattern(), ancestorCodes.toArray(String[]::new)).query(Department.class).list();
    }

    long insert(String code, String name, String regionCode) {
        return jdbc.sql("insert into department (code, name, region_code) values (?, ?, ?) returning id")
                .params(code, name, regionCode).query(Long.class).single();
    }
}
