package org.yingji.resources;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.yingji.platform.region.CityExtent;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;
import org.yingji.platform.web.FieldProblem;

/**
 * Checks a resource against its kind: the common fields, the location inside Zigong and the region scope, and
 * each kind-specific field by its {@link FieldSpec}. Returns every problem at once (forms and imports show all).
 */
@Component
class ResourceValidation {

    static final Pattern PHONE = Pattern.compile("^(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}|\\d{3,5}|400-?\\d{3}-?\\d{4})$");
    static final Pattern URL = Pattern.compile("^(https?|rtsp|rtmp)://\\S+$");

    private final Regions regions;
    private final CityExtent city;

    ResourceValidation(Regions regions, CityExtent city) {
        this.regions = regions;
        this.city = city;
    }

    /** A checked resource: trimmed text, attributes with their proper Java types. */
    record Valid(String name, String regionCode, double lon, double lat, String address, String status,
                 boolean approximate, Map<String, Object> attributes) {
    }

    record Result(Valid valid, List<FieldProblem> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    Result check(ResourceKind kind, ResourceInput input, RegionScope scope) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = trim(input.name());
        if (name == null) {
            problems.add(new FieldProblem("name", "NotBlank", "不能为空"));
        } else if (name.length() > 100) {
            problems.add(new FieldProblem("name", "Size", "不能超过 100 个字"));
        }
        String regionCode = trim(input.regionCode());
        if (regionCode == null) {
            problems.add(new FieldProblem("regionCode", "NotBlank", "不能为空"));
        } else {
            FieldProblem region = regions.scopeProblem("regionCode", regionCode, scope);
            if (region != null) {
                problems.add(region);
            }
        }
        if (input.lon() == null) {
            problems.add(new FieldProblem("lon", "NotNull", "不能为空"));
        }
        if (input.lat() == null) {
            problems.add(new FieldProblem("lat", "NotNull", "不能为空"));
        }
        if (input.lon() != null && input.lat() != null && !city.contains(input.lon(), input.lat())) {
            problems.add(new FieldProblem("lon", "location.outside-city",
                    "坐标 (" + input.lon() + ", " + input.lat() + ") 不在自贡市范围内（WGS84 经度, 纬度）"));
        }
        String status = trim(input.status());
        if (kind.statuses().isEmpty()) {
            status = null;
        } else if (status == null) {
            problems.add(new FieldProblem("status", "NotBlank", "不能为空"));
        } else {
            String value = statusValue(kind, status);
            if (value == null) {
                problems.add(new FieldProblem("status", "Enum", "取值不合法，可选：" + String.join("、", kind.statuses().values())));
            }
            status = value;
        }
        String address = trim(input.address());
        if (address != null && address.length() > 200) {
            problems.add(new FieldProblem("address", "Size", "不能超过 200 个字"));
        }
        Map<String, Object> attributes = checkAttributes(kind, input.attributes() == null ? Map.of() : input.attributes(),
                problems);
        Valid valid = problems.isEmpty() ? new Valid(name, regionCode, input.lon(), input.lat(), address, status,
                Boolean.TRUE.equals(input.approximate()), attributes) : null;
        return new Result(valid, problems);
    }

    private Map<String, Object> checkAttributes(ResourceKind kind, Map<String, Object> given, List<FieldProblem> problems) {
        Map<String, Object> result = new LinkedHashMap<>();
        for (String key : given.keySet()) {
            if (kind.field(key) == null) {
                problems.add(new FieldProblem("attributes." + key, "Unknown", "不是" + kind.label() + "的字段"));
            }
        }
        for (FieldSpec field : kind.fields()) {
            Object raw = given.get(field.name());
            String path = "attributes." + field.name();
            if (raw == null || (raw instanceof String s && s.isBlank())
                    || (raw instanceof Collection<?> c && c.isEmpty())) {
                if (field.required()) {
                    problems.add(new FieldProblem(path, "NotBlank", field.label() + "不能为空"));
                }
                continue;
            }
            Object value = convert(field, raw, path, problems);
            if (value != null) {
                result.put(field.name(), value);
            }
        }
        return result;
    }

    private static Object convert(FieldSpec field, Object raw, String path, List<FieldProblem> problems) {
        switch (field.type()) {
            case INTEGER -> {
                BigDecimal number = number(raw);
                if (number == null || number.stripTrailingZeros().scale() > 0) {
                    problems.add(new FieldProblem(path, "Integer", field.label() + "须为整数"));
                    return null;
                }
                if (number.signum() < 0) {
                    problems.add(new FieldProblem(path, "Min", field.label() + "不能为负数"));
                    return null;
                }
                return number.longValueExact();
            }
            case DECIMAL -> {
                BigDecimal number = number(raw);
                if (number == null) {
                    problems.add(new FieldProblem(path, "Number", field.label() + "须为数字"));
                    return null;
                }
                if (number.signum() < 0) {
                    problems.add(new FieldProblem(path, "Min", field.label() + "不能为负数"));
                    return null;
                }
                return number.doubleValue();
            }
            case ENUM -> {
                String value = field.optionValue(raw.toString());
                if (value == null) {
                    problems.add(new FieldProblem(path, "Enum", field.label() + "取值不合法，可选："
                            + String.join("、", field.options().values())));
                }
                return value;
            }
            case MULTI_ENUM -> {
                List<String> values = new ArrayList<>();
                Collection<?> items = raw instanceof Collection<?> c ? c : List.of(raw.toString().split("[,，、;；]"));
                for (Object item : items) {
                    if (item == null || item.toString().isBlank()) {
                        continue;
                    }
                    String value = field.optionValue(item.toString());
                    if (value == null) {
                        problems.add(new FieldProblem(path, "Enum", field.label() + "含不合法的值「" + item
                                + "」，可选：" + String.join("、", field.options().values())));
                        return null;
                    }
                    if (!values.contains(value)) {
                        values.add(value);
                    }
                }
                return values;
            }
            case PHONE -> {
                String phone = raw.toString().strip().replace(" ", "");
                if (!PHONE.matcher(phone).matches()) {
                    problems.add(new FieldProblem(path, "Phone", field.label() + "不是有效的手机或座机号码"));
                    return null;
                }
                return phone;
            }
            case URL -> {
                String url = raw.toString().strip();
                if (!URL.matcher(url).matches()) {
                    problems.add(new FieldProblem(path, "Url", field.label() + "须以 http://、https://、rtsp:// 或 rtmp:// 开头"));
                    return null;
                }
                return url;
            }
            default -> {
                String text = raw.toString().strip();
                if (text.length() > 500) {
                    problems.add(new FieldProblem(path, "Size", field.label() + "不能超过 500 个字"));
                    return null;
                }
                return text;
            }
        }
    }

    static String statusValue(ResourceKind kind, String valueOrLabel) {
        if (kind.statuses().containsKey(valueOrLabel)) {
            return valueOrLabel;
        }
        return kind.statuses().entrySet().stream().filter(e -> e.getValue().equals(valueOrLabel))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private static BigDecimal number(Object raw) {
        if (raw instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        try {
            return new BigDecimal(raw.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
