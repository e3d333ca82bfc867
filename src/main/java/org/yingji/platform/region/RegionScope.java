package org.yingji.platform.region;

/**
 * The subtree of regions a user may see, expressed as a code prefix: the codes nest (510302 → 510302001000 →
 * 510302001002), so "inside my region" is "starts with my prefix". Queries bind the prefix as a parameter,
 * never by string-built SQL.
 */
public record RegionScope(String regionCode, String prefix) {

    public static RegionScope of(String regionCode) {
        return new RegionScope(regionCode, prefixOf(regionCode));
    }

    /** 510300 → 5103, 510302 → 510302, 510302001000 → 510302001, a village code → itself. */
    static String prefixOf(String code) {
        if (code.length() == 6) {
            return code.endsWith("00") ? code.substring(0, 4) : code;
        }
        if (code.length() == 12 && code.endsWith("000")) {
            return code.substring(0, 9);
        }
        return code;
    }

    public boolean contains(String code) {
        return code != null && code.startsWith(prefix);
    }

    /** For SQL: {@code where region_code like :pattern}. */
    public String likePattern() {
        return prefix + "%";
    }
}
