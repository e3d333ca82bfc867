package org.yingji.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

@PlatformTest
class AuditChainTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void writesAreAuditedAndTheChainVerifies() {
        Api admin = TestUsers.admin(port);
        String code = TestUsers.uniqueName("AUD");
        assertThat(admin.post("/api/departments", Map.of("code", code, "name", "审计测试部门",
                "regionCode", "510302")).status()).isEqualTo(201);
        JsonNode entry = admin.get("/api/audit?action=department.create").json().get("items").get(0);
        assertThat(entry.get("actor").asString()).isEqualTo("admin");
        assertThat(entry.get("after").asString()).contains(code);
        assertThat(entry.get("hash").asString()).hasSize(64);

        JsonNode check = admin.get("/api/audit/verify").json();
        assertThat(check.get("ok").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.get("checked").asLong()).isGreaterThan(0);
    }

    @Test
    void theDatabaseRefusesToChangeAnAuditRow() {
        assertThatThrownBy(() -> jdbc.sql("update audit_log set actor = 'mallory'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log").update()).hasMessageContaining("append-only");
    }

    @Test
    void aTamperedRowIsReportedByTheChainCheck() {
        Api admin = TestUsers.admin(port);
        admin.post("/api/departments", Map.of("code", TestUsers.uniqueName("TMP"), "name", "被篡改的部门",
                "regionCode", "510303"));
        long id = admin.get("/api/audit?action=department.create").json().get("items").get(0).get("id").asLong();
        String original = jdbc.sql("select after from audit_log where id = ?").param(id).query(String.class).single();
        // Someone with superuser access bypasses the append-only trigger and edits history.
        jdbc.sql("alter table audit_log disable trigger audit_log_no_update").update();
        try {
            jdbc.sql("update audit_log set after = ? where id = ?")
                    .params(original.replace("被篡改的部门", "另一个部门"), id).update();
            JsonNode check = admin.get("/api/audit/verify").json();
            assertThat(check.get("ok").asBoolean()).isFalse();
            assertThat(check.get("brokenAt").asLong()).isEqualTo(id);
            assertThat(check.get("reason").asString()).contains("篡改");
        } finally {
            jdbc.sql("update audit_log set after = ? where id = ?").params(original, id).update();
            jdbc.sql("alter table audit_log enable trigger audit_log_no_update").update();
        }
        assertThat(admin.get("/api/audit/verify").json().get("ok").asBoolean()).isTrue();
    }

    @Test
    void aCountyAdminSeesOnlyTheAuditOfTheirCounty() {
        Api admin = TestUsers.admin(port);
        Api zlj = TestUsers.user(port, admin, TestUsers.uniqueName("zljadmin"), "ADMIN", "510302");
        zlj.get("/api/audit?size=500").json().get("items")
                .forEach(e -> assertThat(e.get("actorRegion").asString()).startsWith("510302"));
    }
}
