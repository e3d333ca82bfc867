package org.yingji.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yingji.Api;
import org.yingji.PlatformTest;
import org.yingji.TestUsers;

@PlatformTest
class ProblemDetailsTest {

    @LocalServerPort
    int port;

    @Test
    void malformedJsonIsA400NotA500() {
        Api.Response response = TestUsers.admin(port).post("/api/departments", "{\"code\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("key").asString()).isEqualTo("request.unreadable");
    }

    @Test
    void aWrongTypeNamesTheField() {
        Api.Response response = TestUsers.admin(port).post("/api/tokens", "{\"name\":\"x\",\"expiresInDays\":\"soon\"}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("expiresInDays");
    }

    @Test
    void anOutOfRangePageIsA400() {
        Api.Response response = TestUsers.admin(port).get("/api/users?size=100000");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("size");
    }

    @Test
    void anUnknownApiPathIsA404Problem() {
        Api.Response response = TestUsers.admin(port).get("/api/no-such-thing");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("key").asString()).isEqualTo("not-found");
    }

    @Test
    void aWrongMethodIsA405Problem() {
        Api.Response response = TestUsers.admin(port).delete("/api/regions/510300");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.json().get("status").asInt()).isEqualTo(405);
    }

    @Test
    void apiDocsArePublished() {
        Api.Response docs = new Api(port).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/regions");
    }
}
