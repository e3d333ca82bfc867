package org.yingji.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

/** Who acts for an enterprise: a regulator without user administration finds, adds, lists and removes them. */
@PlatformTest
class EnterpriseMemberTest {

    @LocalServerPort
    int port;

    @Test
    void anInspectorFindsAddsListsAndRemovesAnEnterpriseUser() {
        Api admin = TestUsers.admin(port);
        long enterprise = SafetyTestData.createEnterprise(admin, TestUsers.uniqueName("成员"), "510321", 104.42, 29.45);
        Api inspector = TestUsers.user(port, admin, TestUsers.uniqueName("insp"), "INSPECTOR", "510321");
        String name = TestUsers.uniqueName("ent");
        Api enterpriseUser = TestUsers.user(port, admin, name, "ENTERPRISE_USER", "510321");
        assertThat(inspector.get("/api/users?q=" + name).status()).isEqualTo(403);

        JsonNode candidates = inspector.get("/api/safety/member-candidates?q=" + name).json().get("items");
        assertThat(candidates.size()).isEqualTo(1);
        assertThat(candidates.get(0).has("passwordHash")).isFalse();
        long userId = candidates.get(0).get("id").asLong();

        assertThat(enterpriseUser.get("/api/safety/enterprises/" + enterprise).status()).isEqualTo(404);
        assertThat(inspector.post("/api/safety/enterprises/" + enterprise + "/members", Map.of("userId", userId))
                .status()).isEqualTo(204);
        JsonNode members = inspector.get("/api/safety/enterprises/" + enterprise + "/members").json();
        assertThat(members.size()).isEqualTo(1);
        assertThat(members.get(0).get("username").asString()).isEqualTo(name);
        assertThat(enterpriseUser.get("/api/safety/enterprises/" + enterprise).status()).isEqualTo(200);

        assertThat(enterpriseUser.delete("/api/safety/enterprises/" + enterprise + "/members/" + userId).status())
                .isEqualTo(403);
        assertThat(inspector.delete("/api/safety/enterprises/" + enterprise + "/members/" + userId).status())
                .isEqualTo(204);
        assertThat(inspector.get("/api/safety/enterprises/" + enterprise + "/members").json().size()).isZero();
        assertThat(enterpriseUser.get("/api/safety/enterprises/" + enterprise).status()).isEqualTo(404);
        assertThat(inspector.delete("/api/safety/enterprises/" + enterprise + "/members/" + userId).status())
                .isEqualTo(404);
        assertThat(admin.get("/api/audit?action=enterprise.remove-member").json().get("items").size()).isEqualTo(1);
    }

    @Test
    void candidatesStayInsideTheRegulatorsRegion() {
        Api admin = TestUsers.admin(port);
        Api inspector = TestUsers.user(port, admin, TestUsers.uniqueName("insp"), "INSPECTOR", "510303");
        String elsewhere = TestUsers.uniqueName("ent");
        TestUsers.user(port, admin, elsewhere, "ENTERPRISE_USER", "510321");
        assertThat(inspector.get("/api/safety/member-candidates?q=" + elsewhere).json().get("total").asInt()).isZero();
    }
}
