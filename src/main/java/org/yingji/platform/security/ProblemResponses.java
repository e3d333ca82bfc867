package org.yingji.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.yingji.platform.web.Problems;
import tools.jackson.databind.json.JsonMapper;

/** Writes problem details from filters, which run before Spring MVC's exception handling. */
final class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String key, String title,
               String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(Problems.PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(),
                Problems.body(status, key, title, detail, request.getRequestURI(), List.of()));
    }

    void unauthenticated(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, HttpStatus.UNAUTHORIZED, "auth.required", "未登录",
                "请先登录，或在 Authorization 头中提供 API 令牌");
    }
}
