package org.yingji.platform.web;

/**
 * One invalid field of a request.
 *
 * @param field   the JSON path or parameter name, e.g. {@code regionCode}
 * @param key     the rule's stable English key, e.g. {@code NotBlank}
 * @param message what is wrong, in Chinese
 */
public record FieldProblem(String field, String key, String message) {

    /** A mainland mobile (11 digits) or a landline with area code: the phone of a person. */
    public static final String PHONE = "^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8})$";
}
