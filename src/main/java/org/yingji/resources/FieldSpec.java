package org.yingji.resources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One kind-specific field of a resource: what the form, the list, the Excel template and the validation all
 * read, so the five stay in step.
 *
 * @param name     the JSON key in {@code attributes}
 * @param label    the Chinese label (also the Excel column header)
 * @param options  value → Chinese label, for ENUM and MULTI_ENUM
 */
public record FieldSpec(String name, String label, FieldType type, boolean required, Map<String, String> options) {

    public enum FieldType { TEXT, INTEGER, DECIMAL, ENUM, MULTI_ENUM, PHONE, URL }

    static FieldSpec text(String name, String label, boolean required) {
        return new FieldSpec(name, label, FieldType.TEXT, required, Map.of());
    }

    static FieldSpec integer(String name, String label, boolean required) {
        return new FieldSpec(name, label, FieldType.INTEGER, required, Map.of());
    }

    static FieldSpec decimal(String name, String label, boolean required) {
        return new FieldSpec(name, label, FieldType.DECIMAL, required, Map.of());
    }

    static FieldSpec phone(String name, String label, boolean required) {
        return new FieldSpec(name, label, FieldType.PHONE, required, Map.of());
    }

    static FieldSpec url(String name, String label, boolean required) {
        return new FieldSpec(name, label, FieldType.URL, required, Map.of());
    }

    /** pairs: value, label, value, label … (kept in order for the UI). */
    static FieldSpec choice(String name, String label, boolean required, String... pairs) {
        return new FieldSpec(name, label, FieldType.ENUM, required, options(pairs));
    }

    static FieldSpec choices(String name, String label, boolean required, String... pairs) {
        return new FieldSpec(name, label, FieldType.MULTI_ENUM, required, options(pairs));
    }

    private static Map<String, String> options(String... pairs) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            options.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(options);
    }

    /** The option whose value or Chinese label is given (Excel users type labels), or null. */
    String optionValue(String valueOrLabel) {
        String text = valueOrLabel.strip();
        if (options.containsKey(text)) {
            return text;
        }
        return options.entrySet().stream().filter(e -> e.getValue().equals(text)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    List<Map<String, String>> optionList() {
        return options.entrySet().stream().map(e -> Map.of("value", e.getKey(), "label", e.getValue())).toList();
    }
}
