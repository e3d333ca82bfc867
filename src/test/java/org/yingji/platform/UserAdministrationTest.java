package org.yingji.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;
import tools.jackson.databind.JsonNode;

@PlatformTest
class UserAdministrationTest {

    @LocalServerPort
    int port;
    Api admin;

    @BeforeEach
    void signIn() {
        admin = TestUsers.admin(port);
    }

    @Test
    void aCountyAdminCannotReadAnotherCountysUsers() {
        String fushunUser = TestUsers.uniqueName("fs");
        TestUsers.user(port, admin, fushunUser, "INFO_OFFICER", "510322001000");
        long fushunUserId = idOf(admin, fushunUser);
        Api rongxianAdmin = TestUsers.user(port, admin, TestUsers.uniqueName("rxadmin"), "ADMIN", "510321");

        assertThat(rongxianAdmin.get("/api/users/" + fushunUserId).status()).isEqualTo(404);
        assertThat(rongxianAdmin.post("/api/users/" + fushunUserId + "/disable", null).status()).isEqualTo(404);
        JsonNode listed = rongxianAdmin.get("/api/users?size=500").json();
        listed.get("items").forEach(u -> assertThat(u.get("regionCode").asString()).startsWith("510321"));

        Api.Response outside = rongxianAdmin.post("/api/users", Map.of("username", TestUsers.uniqueName("x"),
                "displayName", "越权", "role", "GRID_WORKER", "regionCode", "510322"));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.json().get("errors").get(0).get("field").asString()).isEqualTo("regionCode");
        assertThat(outside.json().get("errors").get(0).get("key").asString()).isEqualTo("region.outside-scope");
    }

    @Test
    void aUserWithoutTheAdminRoleGets403() {
        Api officer = TestUsers.user(port, admin, TestUsers.uniqueName("duty"), "DUTY_OFFICER", "510300");
        Api.Response response = officer.get("/api/users");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("key").asString()).isEqualTo("auth.forbidden");
        assertThat(officer.get("/api/audit").status()).isEqualTo(403);
    }

    @Test
    void invalidFieldsAreNamedInChinese() {
        Api.Response response = admin.post("/api/users", Map.of("username", "1bad name", "displayName", "",
                "phone", "12345", "role", "GRID_WORKER", "regionCode", "510300"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("key").asString()).isEqualTo("validation.failed");
        Map<String, String> errors = new java.util.HashMap<>();
        response.json().get("errors").forEach(e -> errors.put(e.get("field").asString(), e.get("message").asString()));
        assertThat(errors).containsKeys("username", "displayName", "phone");
        assertThat(errors.get("displayName")).isEqualTo("不能为空");
        assertThat(errors.get("phone")).contains("号码");
    }

    @Test
    void anUnknownRoleIsA400ListingTheChoices() {
        Api.Response response = admin.post("/api/users", Map.of("username", "kingofall", "displayName", "王",
                "role", "KING", "regionCode", "510300"));
        assertThat(response.status()).isEqualTo(400);
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("role");
        assertThat(error.get("message").asString()).contains("DUTY_OFFICER");
    }

    @Test
    void aTakenUsernameIsAConflict() {
        String name = TestUsers.uniqueName("dup");
        Map<String, String> user = Map.of("username", name, "displayName", "甲", "role", "INSPECTOR",
                "regionCode", "510311");
        assertThat(admin.post("/api/users", user).status()).isEqualTo(201);
        Api.Response again = admin.post("/api/users", user);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("key").asString()).isEqualTo("conflict.username-taken");
    }

    @Test
    void disablingAUserEndsTheirSessionAndSignIn() {
        String name = TestUsers.uniqueName("gone");
        Api user = TestUsers.user(port, admin, name, "GRID_WORKER", "510302");
        assertThat(user.get("/api/auth/me").status()).isEqualTo(200);
        long id = idOf(admin, name);
        assertThat(admin.post("/api/users/" + id + "/disable", null).json().get("enabled").asBoolean()).isFalse();
        assertThat(user.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(new Api(port).login(name, TestUsers.passwordOf(name)).json().get("key").asString())
                .isEqualTo("auth.disabled");
        admin.post("/api/users/" + id + "/enable", null);
        assertThat(new Api(port).login(name, TestUsers.passwordOf(name)).status()).isEqualTo(200);
    }

    @Test
    void resetPasswordGivesATemporaryOneThatMustBeChanged() {
        String name = TestUsers.uniqueName("reset");
        TestUsers.user(port, admin, name, "COMMANDER", "510300");
        long id = idOf(admin, name);
        String temporary = admin.post("/api/users/" + id + "/reset-password", null).json()
                .get("temporaryPassword").asString();
        Api user = new Api(port);
        assertThat(user.login(name, TestUsers.passwordOf(name)).status()).isEqualTo(401);
        assertThat(user.login(name, temporary).json().get("mustChangePassword").asBoolean()).isTrue();
    }

    @Test
    void editingAUserChangesRoleAndRegionAndIsAudited() {
        String name = TestUsers.uniqueName("edit");
        TestUsers.user(port, admin, name, "GRID_WORKER", "510302");
        long id = idOf(admin, name);
        Api.Response updated = admin.put("/api/users/" + id, Map.of("displayName", "改名", "role", "INSPECTOR",
                "regionCode", "510303", "phone", "13800000000"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().get("regionName").asString()).isEqualTo("贡井区");
        assertThat(updated.json().get("roleName").asString()).isEqualTo("执法检查员");

        JsonNode entry = admin.get("/api/audit?entityType=user&entityId=" + id + "&action=user.update").json()
                .get("items").get(0);
        assertThat(entry.get("actor").asString()).isEqualTo("admin");
        assertThat(entry.get("before").asString()).contains("GRID_WORKER");
        assertThat(entry.get("after").asString()).contains("INSPECTOR").contains("改名");
    }

    static long idOf(Api admin, String username) {
        return admin.get("/api/users?q=" + username).json().get("items").get(0).get("id").asLong();
    }
}
