package org.yingji.platform.web;

/**
 * Writes a GeoJSON FeatureCollection of points straight into one string, for map layers of many thousands of
 * features where building objects per feature (or PostgreSQL's json_agg) costs more than the query itself.
 * Properties are written in the order given: name, value, name, value …
 */
public final class GeoJsonPoints {

    private final StringBuilder json = new StringBuilder(64 * 1024).append("{\"type\":\"FeatureCollection\",\"features\":[");
    private int count;

    public GeoJsonPoints point(long id, double lon, double lat, Object... properties) {
        if (count++ > 0) {
            json.append(',');
        }
        json.append("{\"type\":\"Feature\",\"id\":").append(id)
                .append(",\"geometry\":{\"type\":\"Point\",\"coordinates\":[").append(lon).append(',').append(lat)
                .append("]},\"properties\":{\"id\":").append(id);
        for (int i = 0; i < properties.length; i += 2) {
            json.append(",\"").append(properties[i]).append("\":");
            Object value = properties[i + 1];
            if (value instanceof Number || value instanceof Boolean) {
                json.append(value);
            } else {
                quote(json, value == null ? null : value.toString());
            }
        }
        json.append("}}");
        return this;
    }

    public int count() {
        return count;
    }

    /** Closes the collection; extra top-level members are written the same way as properties. */
    public String finish(Object... members) {
        json.append(']');
        for (int i = 0; i < members.length; i += 2) {
            json.append(",\"").append(members[i]).append("\":");
            Object value = members[i + 1];
            if (value instanceof Number || value instanceof Boolean) {
                json.append(value);
            } else {
                quote(json, value == null ? null : value.toString());
            }
        }
        return json.append('}').toString();
    }

    /** Appends a JSON string literal (or null), escaping quotes, backslashes and control characters. */
    public static void quote(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
