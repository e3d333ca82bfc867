package org.yingji.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The counting half of the coverage analysis, free of Spring and the database so a test can feed it known
 * synthetic villages: which populated points and sites lie inside a covered area, summed per county and township.
 * A village counts as covered when its (approximate) centre point lies inside the area.
 */
final class CoverageCount {

    /** A village: its population at one point, and the township and county it belongs to. */
    record Village(String code, String townshipCode, String countyCode, double lon, double lat, long population) {
    }

    /** A hazard source or protection target, with the township (may be null) and county it lies in. */
    record Site(String townshipCode, String countyCode, double lon, double lat) {
    }

    /** The figures of one area unit (the whole scope, a county or a township). */
    record Figures(long population, long coveredPopulation, double populationShare, int hazards, int coveredHazards,
                   int targets, int coveredTargets) {

        static Figures of(long population, long coveredPopulation, int hazards, int coveredHazards, int targets,
                          int coveredTargets) {
            double share = population == 0 ? 0 : Math.round(10_000.0 * coveredPopulation / population) / 10_000.0;
            return new Figures(population, coveredPopulation, share, hazards, coveredHazards, targets,
                    coveredTargets);
        }
    }

    private static final class Tally {
        long population;
        long covered;
        int hazards;
        int coveredHazards;
        int targets;
        int coveredTargets;

        Figures figures() {
            return Figures.of(population, covered, hazards, coveredHazards, targets, coveredTargets);
        }
    }

    /** Figures for the whole input and per county and township code (insertion order of first appearance). */
    record Counts(Figures total, Map<String, Figures> byRegion) {
    }

    private CoverageCount() {
    }

    static Counts count(Geometry area, List<Village> villages, List<Site> hazards, List<Site> targets) {
        PreparedGeometry inside = PreparedGeometryFactory.prepare(area);
        Tally total = new Tally();
        Map<String, Tally> byRegion = new LinkedHashMap<>();
        for (Village village : villages) {
            boolean covered = contains(inside, village.lon(), village.lat());
            for (Tally tally : tallies(total, byRegion, village.townshipCode(), village.countyCode())) {
                tally.population += village.population();
                tally.covered += covered ? village.population() : 0;
            }
        }
        for (Site site : hazards) {
            boolean covered = contains(inside, site.lon(), site.lat());
            for (Tally tally : tallies(total, byRegion, site.townshipCode(), site.countyCode())) {
                tally.hazards++;
                tally.coveredHazards += covered ? 1 : 0;
            }
        }
        for (Site site : targets) {
            boolean covered = contains(inside, site.lon(), site.lat());
            for (Tally tally : tallies(total, byRegion, site.townshipCode(), site.countyCode())) {
                tally.targets++;
                tally.coveredTargets += covered ? 1 : 0;
            }
        }
        Map<String, Figures> figures = new LinkedHashMap<>();
        byRegion.forEach((code, tally) -> figures.put(code, tally.figures()));
        return new Counts(total.figures(), figures);
    }

    private static List<Tally> tallies(Tally total, Map<String, Tally> byRegion, String township, String county) {
        List<Tally> result = new ArrayList<>(3);
        result.add(total);
        if (county != null) {
            result.add(byRegion.computeIfAbsent(county, c -> new Tally()));
        }
        if (township != null) {
            result.add(byRegion.computeIfAbsent(township, c -> new Tally()));
        }
        return result;
    }

    private static boolean contains(PreparedGeometry area, double lon, double lat) {
        return area.contains(TravelTimes.GEOMETRY.createPoint(new Coordinate(lon, lat)));
    }
}
