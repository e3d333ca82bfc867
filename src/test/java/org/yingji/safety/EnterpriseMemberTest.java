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
    void aMemberKeepsTheContactsButNotTheRegistration() {
        Api admin = TestUsers.admin(port);
        String name = TestUsers.uniqueName("登记");
        Map<String, Object> body = SafetyTestData.enterprise(name, "510303", 104.63, 29.37);
        long enterprise = admin.post("/api/safety/enterprises", body).json().get("id").asLong();
        Api member = SafetyTestData.enterpriseUser(port, admin, enterprise, "510303");

        body.put("safetyManagerPhone", "13800005678");
        Api.Response contacts = member.put("/api/safety/enterprises/" + enterprise, body);
        assertThat(contacts.status()).as(contacts.toString()).isEqualTo(200);
        assertThat(contacts.json().get("safetyManagerPhone").asString()).isEqualTo("13800005678");

        body.put("name", name + "（改名）");
        body.put("regionCode", "510304");
        Api.Response registration = member.put("/api/safety/enterprises/" + enterprise, body);
        assertThat(registration.status()).isEqualTo(400);
        assertThat(registration.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactly("name", "regionCode");
        assertThat(registration.json().get("errors").get(0).get("key").asString())
                .isEqualTo("enterprise.regulator-only");
        assertThat(admin.put("/api/safety/enterprises/" + enterprise, body).status()).isEqualTo(200);
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
