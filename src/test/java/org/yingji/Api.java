package org.yingji;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for tests, behaving like the browser app: keeps cookies, fetches the CSRF token and sends
 * it back in X-XSRF-TOKEN on writes. Optionally uses a Bearer token instead.
 */
public class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String bearer;

    public Api(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Api withBearer(String token) {
        this.bearer = token;
        return this;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), false);
    }

    public Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(bodyOf(body)), true);
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).PUT(bodyOf(body)), true);
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), true);
    }

    /** A write without the CSRF header, as a forged cross-site request would arrive. */
    public Response postWithoutCsrf(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(bodyOf(body)), false);
    }

    /** A multipart/form-data upload of one file in the part "file". */
    public Response upload(String path, String fileName, byte[] content) {
        String boundary = "----yingji" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return sendRaw(request);
    }

    /** GET returning the raw bytes (downloads). */
    public byte[] download(String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A write carrying the given CSRF header value instead of the cookie's. */
    public Response postWithCsrfHeader(String path, Object body, String token) {
        return sendRaw(HttpRequest.newBuilder(URI.create(base + path)).POST(bodyOf(body))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token), false);
    }

    public Response login(String username, String password) {
        return post("/api/auth/login", java.util.Map.of("username", username, "password", password));
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        if (body == null) {
            return HttpRequest.BodyPublishers.noBody();
        }
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return HttpRequest.BodyPublishers.ofString(text);
    }

    private Response send(HttpRequest.Builder request, boolean withCsrf) {
        request.header("Content-Type", "application/json");
        return sendRaw(request, withCsrf);
    }

    private Response sendRaw(HttpRequest.Builder request) {
        return sendRaw(request, true);
    }

    private Response sendRaw(HttpRequest.Builder request, boolean withCsrf) {
        request.header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        } else if (withCsrf) {
            request.header("X-XSRF-TOKEN", csrfToken());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String csrfToken() {
        String token = cookie("XSRF-TOKEN");
        if (token == null) {
            get("/api/auth/csrf");
            token = cookie("XSRF-TOKEN");
        }
        return token;
    }

    private String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }
}
