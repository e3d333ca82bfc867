package org.yingji.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yingji.Api;
import org.yingji.TestClockConfiguration;
import org.yingji.TestUsers;

/**
 * The platform on an external PostgreSQL instead of the embedded one: migrations, seeding, a write and the audit
 * chain. Runs only when {@code -Dyingji.test.external-db=jdbc:postgresql://host:port/} names a server where the
 * user may create databases (.ci/run sets it when 127.0.0.1:5432 answers). Each run gets a new database and
 * drops the ones earlier runs left behind.
 */
@EnabledIfSystemProperty(named = "yingji.test.external-db", matches = "jdbc:postgresql://.+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "yingji.bootstrap.admin-password=" + TestUsers.INITIAL_ADMIN_PASSWORD,
        "yingji.mqtt.port=0",
        "yingji.mqtt.host=127.0.0.1",
})
@Import(TestClockConfiguration.class)
class ExternalDatabaseTest {

    private static final String PREFIX = "yingji_ci_";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) throws SQLException {
        String server = System.getProperty("yingji.test.external-db");
        String user = System.getProperty("yingji.test.external-db-user", "postgres");
        String database = PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(server + "postgres", user, "");
             Statement statement = connection.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (var rs = statement.executeQuery("select datname from pg_database where datname like '" + PREFIX
                    + "%'")) {
                while (rs.next()) {
                    stale.add(rs.getString(1));
                }
            }
            for (String name : stale) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
            statement.execute("create database " + database);
        }
        registry.add("spring.datasource.url", () -> server + database + "?reWriteBatchedInserts=true");
        registry.add("spring.datasource.username", () -> user);
    }

    @Test
    void migratesSeedsWritesAndAuditsOnTheExternalServer() {
        Api admin = TestUsers.admin(port);
        assertThat(admin.get("/api/regions?level=VILLAGE").json().size()).isEqualTo(987);
        assertThat(admin.get("/api/regions/510300").json().get("population").asInt()).isEqualTo(2_489_256);

        Api.Response created = admin.post("/api/departments", Map.of("code", "EXT-DB-" + port,
                "name", "外部数据库检查科", "regionCode", "510302"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(admin.get("/api/audit?action=department.create").json().get("total").asInt()).isPositive();
        assertThat(admin.get("/api/audit/verify").json().get("ok").asBoolean()).isTrue();
    }
}
