package org.yingji.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.yingji.Api;
import org.yingji.TestUsers;

/** Enterprises and their users for safety tests, created through the API. */
final class SafetyTestData {

    private static final AtomicInteger SERIAL = new AtomicInteger(100000);

    private SafetyTestData() {
    }

    /** A valid credit code: 9151030 + a serial + the computed check character. */
    static String creditCode() {
        String first17 = "915103" + String.format("%011d", SERIAL.incrementAndGet());
        return first17 + CreditCode.checkCharacter(first17);
    }

    static Map<String, Object> enterprise(String name, String regionCode, double lon, double lat) {
        Map<String, Object> body = new HashMap<>();
        body.put("creditCode", creditCode());
        body.put("name", name);
        body.put("industry", "HAZCHEM");
        body.put("scale", "MEDIUM");
        body.put("park", "富顺晨光经济开发区");
        body.put("regionCode", regionCode);
        body.put("lon", lon);
        body.put("lat", lat);
        body.put("legalRepresentative", "张三");
        body.put("safetyManager", "李四");
        body.put("safetyManagerPhone", "13900001234");
        return body;
    }

    static long createEnterprise(Api admin, String name, String regionCode, double lon, double lat) {
        Api.Response response = admin.post("/api/safety/enterprises", enterprise(name, regionCode, lon, lat));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    /** An ENTERPRISE_USER acting for the enterprise, signed in. */
    static Api enterpriseUser(int port, Api admin, long enterpriseId, String regionCode) {
        String name = TestUsers.uniqueName("ent");
        Api user = TestUsers.user(port, admin, name, "ENTERPRISE_USER", regionCode);
        long userId = admin.get("/api/users?q=" + name).json().get("items").get(0).get("id").asLong();
        assertThat(admin.post("/api/safety/enterprises/" + enterpriseId + "/members", Map.of("userId", userId))
                .status()).isEqualTo(204);
        return user;
    }
}
