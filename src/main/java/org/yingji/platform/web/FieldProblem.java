package org.yingji.platform.web;

/**
 * One invalid field of a request.
 *
 * @param field   the JSON path or parameter name, e.g. {@code regionCode}
 * @param key     the rule's stable English key, e.g. {@code NotBlank}
 * @param message what is wrong, in Chinese
 */
public record FieldProblem(String field, String key, String message) {
}
