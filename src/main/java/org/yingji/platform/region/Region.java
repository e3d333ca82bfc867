package org.yingji.platform.region;

/**
 * One administrative division.
 *
 * @param code        6 digits for city and county (510302), 12 for township and village (510302001000)
 * @param approximate true when the centre point is derived rather than surveyed (see docs/DATA.md)
 * @param population  resident population: an estimate per village, summed upwards (docs/DATA.md)
 */
public record Region(String code, String name, RegionLevel level, String parentCode, Double lon, Double lat,
                     boolean approximate, int population) {
}
