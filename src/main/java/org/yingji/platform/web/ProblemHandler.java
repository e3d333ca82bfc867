package org.yingji.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Maps every failure to a problem-details answer once, so controllers only throw. A user's mistake is always
 * a 4xx naming the field; only our own faults become a 500, and those are logged.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String INVALID = "validation.failed";
    private static final String INVALID_TITLE = "请求参数不合法";

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Map<String, Object>> problem(ProblemException e, HttpServletRequest request) {
        return Problems.response(e.status(), e.key(), e.title(), e.getMessage(), request.getRequestURI(), e.errors());
    }

    @ExceptionHandler(BindException.class)
    ResponseEntity<Map<String, Object>> invalidBody(BindException e, HttpServletRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(error.getField(), error.getCode(), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(new FieldProblem(error.getObjectName(), error.getCode(), error.getDefaultMessage())));
        return invalid(errors, request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Map<String, Object>> invalidParameters(HandlerMethodValidationException e,
                                                          HttpServletRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors.add(new FieldProblem(name,
                    error.getCodes() == null ? "Invalid" : lastCode(error.getCodes()), error.getDefaultMessage())));
        });
        return invalid(errors, request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("body");
            String message = cause instanceof InvalidFormatException format && format.getTargetType() != null
                    && format.getTargetType().isEnum()
                    ? "取值不合法，可选值：" + String.join(", ", enumNames(format.getTargetType()))
                    : "类型不正确";
            return invalid(List.of(new FieldProblem(field, "Type", message)), request);
        }
        return Problems.response(HttpStatus.BAD_REQUEST, "request.unreadable", "请求体无法解析",
                "请求体不是合法的 JSON，或缺少请求体", request.getRequestURI(), List.of());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e,
                                                     HttpServletRequest request) {
        Class<?> type = e.getRequiredType();
        String message = type != null && type.isEnum()
                ? "取值不合法，可选值：" + String.join(", ", enumNames(type))
                : "类型不正确";
        return invalid(List.of(new FieldProblem(e.getName(), "Type", message)), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e,
                                                         HttpServletRequest request) {
        return invalid(List.of(new FieldProblem(e.getParameterName(), "NotNull", "不能为空")), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return Problems.response(HttpStatus.METHOD_NOT_ALLOWED, "request.method-not-allowed", "不支持的请求方法",
                "该地址不支持 " + e.getMethod(), request.getRequestURI(), List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return Problems.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "request.media-type", "不支持的内容类型",
                "请以 application/json 提交", request.getRequestURI(), List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return Problems.response(HttpStatus.NOT_FOUND, "not-found", "未找到", "没有这个地址：" + request.getRequestURI(),
                request.getRequestURI(), List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e, HttpServletRequest request) {
        return Problems.response(HttpStatus.FORBIDDEN, "auth.forbidden", "无权操作", "您的角色没有此操作的权限",
                request.getRequestURI(), List.of());
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Map<String, Object>> duplicate(DuplicateKeyException e, HttpServletRequest request) {
        return Problems.response(HttpStatus.CONFLICT, "conflict.duplicate", "操作冲突", "记录已存在（唯一性冲突）",
                request.getRequestURI(), List.of());
    }

    /** The client went away (e.g. a closed tab on an SSE stream): nothing to answer, nothing to log. */
    @ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
    void clientGone() {
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR, "server.error", "服务器内部错误",
                "服务器处理请求时出错，已记录日志", request.getRequestURI(), List.of());
    }

    private static ResponseEntity<Map<String, Object>> invalid(List<FieldProblem> errors, HttpServletRequest request) {
        return Problems.response(HttpStatus.BAD_REQUEST, INVALID, INVALID_TITLE, errors.size() + " 个字段不合法",
                request.getRequestURI(), errors);
    }

    private static String lastCode(String[] codes) {
        return codes[codes.length - 1];
    }

    private static List<String> enumNames(Class<?> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
    }
}
