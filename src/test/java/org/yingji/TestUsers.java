package org.yingji;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Signs in the first admin (changing the initial password once per database) and creates users for tests. */
public final class TestUsers {

    public static final String INITIAL_ADMIN_PASSWORD = "Initial-Admin-2026";
    public static final String ADMIN_PASSWORD = "Changed-Admin-2026";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestUsers() {
    }

    /** A session of the city administrator. */
    public static Api admin(int port) {
        Api api = new Api(port);
        Api.Response response = api.login("admin", ADMIN_PASSWORD);
        if (response.status() == 401) {
            response = api.login("admin", INITIAL_ADMIN_PASSWORD);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            assertThat(api.post("/api/auth/password", Map.of("currentPassword", INITIAL_ADMIN_PASSWORD,
                    "newPassword", ADMIN_PASSWORD)).status()).isEqualTo(204);
        }
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return api;
    }

    public static String uniqueName(String prefix) {
        return prefix + SEQUENCE.incrementAndGet() + "_" + Long.toString(System.nanoTime() % 100000, 36);
    }

    /** Creates a user through the admin API, signs them in and sets their own password; returns their session. */
    public static Api user(int port, Api admin, String username, String role, String regionCode) {
        Api.Response created = admin.post("/api/users", Map.of("username", username, "displayName", "测试" + username,
                "role", role, "regionCode", regionCode));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String initial = created.json().get("initialPassword").asString();
        Api api = new Api(port);
        assertThat(api.login(username, initial).status()).isEqualTo(200);
        assertThat(api.post("/api/auth/password", Map.of("currentPassword", initial,
                "newPassword", passwordOf(username))).status()).isEqualTo(204);
        return api;
    }

    public static String passwordOf(String username) {
        return "Pw-" + username + "-2026";
    }
}
