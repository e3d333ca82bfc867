package org.yingji.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Builds the one problem-details shape (RFC 9457 plus {@code key} and {@code errors}) every error answer uses. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String TYPE_BASE = "https://yingji.org/problems/";

    private Problems() {
    }

    public static Map<String, Object> body(HttpStatusCode status, String key, String title, String detail,
                                           String instance, List<FieldProblem> errors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + key);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("key", key);
        body.put("errors", errors);
        return body;
    }

    public static ResponseEntity<Map<String, Object>> response(HttpStatusCode status, String key, String title,
                                                               String detail, String instance,
                                                               List<FieldProblem> errors) {
        return ResponseEntity.status(status).contentType(PROBLEM_JSON)
                .body(body(status, key, title, detail, instance, errors));
    }
}
