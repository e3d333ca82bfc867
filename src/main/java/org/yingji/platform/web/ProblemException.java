package org.yingji.platform.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A user-facing failure that maps to one RFC 9457 problem: a status, a stable English key, a Chinese title and
 * detail, and optionally the fields at fault. Modules throw the named subclasses below.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String key;
    private final String title;
    private final List<FieldProblem> errors;

    public ProblemException(HttpStatus status, String key, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.key = key;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** 404: the thing does not exist, or the caller may not know it exists. */
    public static class NotFound extends ProblemException {
        public NotFound(String what, Object id) {
            super(HttpStatus.NOT_FOUND, "not-found", "未找到", what + " " + id + " 不存在或不在您的管辖范围内", List.of());
        }
    }

    /** 409: the request is valid but clashes with the current state. */
    public static class Conflict extends ProblemException {
        public Conflict(String key, String detail) {
            super(HttpStatus.CONFLICT, key, "操作冲突", detail, List.of());
        }
    }

    /** 403: signed in, but not allowed. */
    public static class Forbidden extends ProblemException {
        public Forbidden(String key, String detail) {
            super(HttpStatus.FORBIDDEN, key, "无权操作", detail, List.of());
        }
    }

    /** 400 for several fields at once, so a form or an import row shows every problem together. */
    public static class Invalid extends ProblemException {
        public Invalid(List<FieldProblem> errors) {
            super(HttpStatus.BAD_REQUEST, "validation.failed", "请求参数不合法", errors.size() + " 个字段不合法", errors);
        }
    }

    /** 400 for one field that passed bean validation but breaks a rule only the domain knows. */
    public static class InvalidField extends ProblemException {
        public InvalidField(String field, String key, String message) {
            super(HttpStatus.BAD_REQUEST, "validation.failed", "请求参数不合法", field + ": " + message,
                    List.of(new FieldProblem(field, key, message)));
        }
    }
}
