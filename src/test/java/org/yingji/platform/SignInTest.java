package org.yingji.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestClockConfiguration.MutableClock;
import org.yingji.TestUsers;

@PlatformTest
class SignInTest {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @Test
    void unauthenticatedApiCallsGet401ProblemJson() {
        Api.Response response = new Api(port).get("/api/regions?level=COUNTY");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("key").asString()).isEqualTo("auth.required");
        assertThat(response.json().get("title").asString()).isEqualTo("未登录");
    }

    @Test
    void healthIsPublicAndUp() {
        Api.Response health = new Api(port).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void wrongPasswordIsA401NamingTheRemainingTries() {
        Api admin = TestUsers.admin(port);
        String name = TestUsers.uniqueName("wrong");
        TestUsers.user(port, admin, name, "INSPECTOR", "510303");
        Api.Response response = new Api(port).login(name, "not-the-password-1");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.json().get("key").asString()).isEqualTo("auth.bad-credentials");
        assertThat(response.json().get("detail").asString()).contains("再错 4 次");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountForFifteenMinutes() {
        Api admin = TestUsers.admin(port);
        String name = TestUsers.uniqueName("lock");
        TestUsers.user(port, admin, name, "GRID_WORKER", "510304");
        Api api = new Api(port);
        for (int i = 0; i < 4; i++) {
            assertThat(api.login(name, "wrong-password-" + i).status()).isEqualTo(401);
        }
        Api.Response fifth = api.login(name, "wrong-password-5");
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.json().get("key").asString()).isEqualTo("auth.locked");

        // Even the right password is refused while locked.
        assertThat(api.login(name, TestUsers.passwordOf(name)).status()).isEqualTo(423);
        clock.advance(Duration.ofMinutes(14));
        assertThat(api.login(name, TestUsers.passwordOf(name)).status()).isEqualTo(423);
        clock.advance(Duration.ofMinutes(2));
        assertThat(api.login(name, TestUsers.passwordOf(name)).status()).isEqualTo(200);
    }

    @Test
    void aNewUserMustChangeThePasswordBeforeAnythingElse() {
        Api admin = TestUsers.admin(port);
        String name = TestUsers.uniqueName("fresh");
        String initial = admin.post("/api/users", Map.of("username", name, "displayName", "新用户",
                "role", "COMMANDER", "regionCode", "510300")).json().get("initialPassword").asString();
        Api api = new Api(port);
        Api.Response me = api.login(name, initial);
        assertThat(me.json().get("mustChangePassword").asBoolean()).isTrue();

        Api.Response blocked = api.get("/api/regions?level=COUNTY");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().get("key").asString()).isEqualTo("auth.password-change-required");

        Api.Response weak = api.post("/api/auth/password", Map.of("currentPassword", initial, "newPassword", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");

        assertThat(api.post("/api/auth/password", Map.of("currentPassword", initial,
                "newPassword", "Better-Password-42")).status()).isEqualTo(204);
        assertThat(api.get("/api/regions?level=COUNTY").status()).isEqualTo(200);
        assertThat(api.get("/api/auth/me").json().get("mustChangePassword").asBoolean()).isFalse();
    }

    @Test
    void aWriteWithoutTheCsrfTokenIsRefused() {
        Api admin = TestUsers.admin(port);
        Api.Response forged = admin.postWithoutCsrf("/api/tokens", Map.of("name", "forged"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.contentType()).startsWith("application/problem+json");
        assertThat(forged.json().get("key").asString()).isEqualTo("auth.csrf");
    }

    @Test
    void theTokenFromTheCsrfEndpointIsTheOneToSend() {
        Api admin = TestUsers.admin(port);
        String token = admin.get("/api/auth/csrf").json().get("token").asString();
        Api.Response response = admin.postWithCsrfHeader("/api/tokens", Map.of("name", "csrf-endpoint"), token);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void apiTokensAuthenticateUntilRevokedAndAreStoredHashed() {
        Api admin = TestUsers.admin(port);
        Api.Response issued = admin.post("/api/tokens", Map.of("name", "气象数据接入", "expiresInDays", 30));
        assertThat(issued.status()).isEqualTo(201);
        String token = issued.json().get("token").asString();
        long id = issued.json().get("id").asLong();
        assertThat(token).startsWith("yj_");

        Api machine = new Api(port).withBearer(token);
        assertThat(machine.get("/api/regions?level=COUNTY").status()).isEqualTo(200);
        // Token calls need no CSRF header.
        assertThat(machine.post("/api/departments", Map.of("code", TestUsers.uniqueName("D"), "name", "令牌建的部门",
                "regionCode", "510300")).status()).isEqualTo(201);

        assertThat(admin.get("/api/tokens").body()).doesNotContain(token);
        assertThat(admin.delete("/api/tokens/" + id).status()).isEqualTo(204);
        Api.Response revoked = machine.get("/api/regions?level=COUNTY");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.json().get("key").asString()).isEqualTo("auth.bad-token");
        assertThat(new Api(port).withBearer("yj_made-up").get("/api/auth/me").status()).isEqualTo(401);
    }

    @Test
    void logoutEndsTheSession() {
        Api admin = TestUsers.admin(port);
        assertThat(admin.post("/api/auth/logout", null).status()).isEqualTo(204);
        assertThat(admin.get("/api/auth/me").status()).isEqualTo(401);
    }
}
