package org.yingji.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.graphhopper.util.DistanceCalcEarth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * A road graph built from a small OSM file this test writes itself:
 * <pre>
 *            n9
 *            │ (residential)
 *            n5 ──────── n6                 (two-way, 50 km/h)
 *            │           │
 *  n1 ────── n2 ──────▶─ n3 ────── n4 ─────────────────────── n7
 *   50 km/h     one-way     50 km/h      30 km/h, 7.8 km
 * </pre>
 * GraphHopper drives at 90 % of a maxspeed tag: about 45 km/h on the 50 roads (its speed encoding rounds to
 * 46), hence the 3 % tolerance.
 */
class RoadGraphTest {

    static final double[] N1 = {104.70, 29.30};
    static final double[] N2 = {104.71, 29.30};
    static final double[] N3 = {104.72, 29.30};
    static final double[] N4 = {104.73, 29.30};
    static final double[] N5 = {104.71, 29.31};
    static final double[] N6 = {104.72, 29.31};
    static final double[] N7 = {104.81, 29.30};
    static final double KMH_45 = 45 / 3.6;

    @TempDir
    static Path dir;
    static RoadGraph graph;

    static String osm(String extraWays) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <osm version="0.6" generator="RoadGraphTest">
                  <node id="1" lat="29.30" lon="104.70" version="1"/>
                  <node id="2" lat="29.30" lon="104.71" version="1"/>
                  <node id="3" lat="29.30" lon="104.72" version="1"/>
                  <node id="4" lat="29.30" lon="104.73" version="1"/>
                  <node id="5" lat="29.31" lon="104.71" version="1"/>
                  <node id="6" lat="29.31" lon="104.72" version="1"/>
                  <node id="7" lat="29.30" lon="104.81" version="1"/>
                  <node id="8" lat="29.29" lon="104.70" version="1"/>
                  <node id="9" lat="29.32" lon="104.71" version="1"/>
                  <way id="101" version="1">
                    <nd ref="1"/><nd ref="2"/>
                    <tag k="highway" v="primary"/><tag k="maxspeed" v="50"/>
                  </way>
                  <way id="102" version="1">
                    <nd ref="2"/><nd ref="3"/>
                    <tag k="highway" v="primary"/><tag k="maxspeed" v="50"/><tag k="oneway" v="yes"/>
                  </way>
                  <way id="103" version="1">
                    <nd ref="3"/><nd ref="4"/>
                    <tag k="highway" v="primary"/><tag k="maxspeed" v="50"/>
                  </way>
                  <way id="104" version="1">
                    <nd ref="2"/><nd ref="5"/><nd ref="6"/><nd ref="3"/>
                    <tag k="highway" v="secondary"/><tag k="maxspeed" v="50"/>
                  </way>
                  <way id="107" version="1">
                    <nd ref="5"/><nd ref="9"/>
                    <tag k="highway" v="residential"/>
                  </way>
                  <way id="105" version="1">
                    <nd ref="4"/><nd ref="7"/>
                    <tag k="highway" v="tertiary"/><tag k="maxspeed" v="30"/>
                  </way>
                """ + extraWays + "</osm>\n";
    }

    @BeforeAll
    static void build() throws IOException {
        Files.writeString(dir.resolve("town.osm"), osm(""));
        graph = RoadNetwork.open(dir.resolve("town.osm"), dir.resolve("graph"), 500);
    }

    @AfterAll
    static void close() {
        graph.close();
    }

    static double meters(double[] a, double[] b) {
        return DistanceCalcEarth.DIST_EARTH.calcDist(a[1], a[0], b[1], b[0]);
    }

    @Test
    void routeTimeFollowsTheSpeedLimit() {
        RoadGraph.Leg leg = graph.route(RoadGraph.CAR, N1[0], N1[1], N2[0], N2[1]);
        assertThat(leg.meters()).isCloseTo(meters(N1, N2), within(5.0));
        assertThat(leg.seconds()).isCloseTo(meters(N1, N2) / KMH_45, withinPercentage(3));
        assertThat(leg.line().get(0)[0]).isCloseTo(N1[0], within(1e-4));
    }

    @Test
    void aOneWayRoadForcesADetourTheOtherWay() {
        RoadGraph.Leg along = graph.route(RoadGraph.CAR, N2[0], N2[1], N3[0], N3[1]);
        RoadGraph.Leg against = graph.route(RoadGraph.CAR, N3[0], N3[1], N2[0], N2[1]);
        double detour = meters(N3, N6) + meters(N6, N5) + meters(N5, N2);
        assertThat(along.seconds()).isCloseTo(meters(N2, N3) / KMH_45, withinPercentage(3));
        assertThat(against.meters()).isCloseTo(detour, within(10.0));
        assertThat(against.seconds()).isCloseTo(detour / KMH_45, withinPercentage(3));
    }

    @Test
    void oneToManyGivesTheSameTimesAsSingleRoutesInBothDirections() {
        List<double[]> others = List.of(N3, N2, N4);
        double[] outwards = graph.oneToMany(RoadGraph.CAR, N1[0], N1[1], "lon", others, false, 3, Double.MAX_VALUE);
        double[] towards = graph.oneToMany(RoadGraph.CAR, N1[0], N1[1], "lon", others, true, 3, Double.MAX_VALUE);
        for (int i = 0; i < others.size(); i++) {
            double[] p = others.get(i);
            assertThat(outwards[i]).isCloseTo(graph.route(RoadGraph.CAR, N1[0], N1[1], p[0], p[1]).seconds(),
                    within(1.0));
            assertThat(towards[i]).isCloseTo(graph.route(RoadGraph.CAR, p[0], p[1], N1[0], N1[1]).seconds(),
                    within(1.0));
        }
        // from n3 back to n1 the one-way road makes the trip longer than the trip out
        assertThat(towards[0]).isGreaterThan(outwards[0] + 100);
        // asked for only the nearest one, the search stops before the others are settled
        double[] first = graph.oneToMany(RoadGraph.CAR, N1[0], N1[1], "lon", others, false, 1, Double.MAX_VALUE);
        assertThat(first[1]).isPositive();
        assertThat(first[2]).isNaN();
    }

    @Test
    void theFiveMinuteIsochroneExcludesANodeBeyondTheLimit() {
        Geometry area = graph.isochrone(RoadGraph.CAR, N1[0], N1[1], 300);
        assertThat(area.contains(point(N2))).isTrue();
        assertThat(area.contains(point(N3))).isTrue();
        assertThat(area.contains(point(N4))).isTrue();
        // n7 is 233 s + 7.8 km at 27 km/h ≈ 20 minutes away
        assertThat(area.contains(point(N7))).isFalse();
        assertThat(area.contains(point(new double[]{104.78, 29.30}))).isFalse();
    }

    @Test
    void coverageShareOfAKnownSyntheticPopulation() {
        Geometry area = graph.isochrone(RoadGraph.CAR, N1[0], N1[1], 300);
        List<CoverageCount.Village> villages = List.of(
                new CoverageCount.Village("v1", "t1", "c1", 104.712, 29.305, 1_000),
                new CoverageCount.Village("v2", "t1", "c1", 104.718, 29.305, 3_000),
                new CoverageCount.Village("v3", "t2", "c1", N7[0], N7[1], 6_000));
        List<CoverageCount.Site> hazards = List.of(new CoverageCount.Site("t2", "c1", N7[0], N7[1]));
        List<CoverageCount.Site> targets = List.of(new CoverageCount.Site("t1", "c1", 104.715, 29.305));
        CoverageCount.Counts counts = CoverageCount.count(area, villages, hazards, targets);
        assertThat(counts.total().population()).isEqualTo(10_000);
        assertThat(counts.total().coveredPopulation()).isEqualTo(4_000);
        assertThat(counts.total().populationShare()).isEqualTo(0.4);
        assertThat(counts.total().coveredHazards()).isZero();
        assertThat(counts.total().coveredTargets()).isEqualTo(1);
        assertThat(counts.byRegion().get("t1").populationShare()).isEqualTo(1.0);
        assertThat(counts.byRegion().get("t2").coveredPopulation()).isZero();

        // a second station at n7, at the end of a single road, covers the rest (a corridor along that road)
        Geometry corridor = graph.isochrone(RoadGraph.CAR, N7[0], N7[1], 300);
        assertThat(corridor.contains(point(new double[]{104.80, 29.30}))).isTrue();
        assertThat(corridor.contains(point(new double[]{104.77, 29.30}))).isFalse();
        assertThat(CoverageCount.count(area.union(corridor), villages, hazards, targets).total().populationShare())
                .isEqualTo(1.0);
        // both stations in one multi-source search: the same coverage as the union of their isochrones
        Geometry both = graph.reachable(RoadGraph.CAR, graph.snapAll(RoadGraph.CAR, List.of(N1, N7)), 300);
        assertThat(CoverageCount.count(both, villages, hazards, targets).total().populationShare()).isEqualTo(1.0);
        assertThat(both.contains(point(new double[]{104.77, 29.30}))).isFalse();
    }

    @Test
    void aPointFarFromEveryRoadIsRefusedWithTheDistance() {
        assertThatThrownBy(() -> graph.route(RoadGraph.CAR, 104.75, 29.40, N1[0], N1[1]))
                .isInstanceOfSatisfying(OffNetwork.class, e -> {
                    assertThat(e.key()).isEqualTo("routing.off-network");
                    assertThat(e.errors().get(0).field()).isEqualTo("from");
                    assertThat(e.nearestRoadMeters()).isBetween(9_000.0, 10_500.0);
                });
    }

    @Test
    void aChangedFileIsImportedAgainAndTheSameFileOnlyLoaded() throws IOException {
        Path osm = dir.resolve("change.osm");
        Files.writeString(osm, osm(""));
        Path graphDir = dir.resolve("graph-change");
        int edges;
        try (RoadGraph first = RoadNetwork.open(osm, graphDir, 500)) {
            edges = first.edges();
        }
        try (RoadGraph again = RoadNetwork.open(osm, graphDir, 500)) {
            assertThat(again.edges()).isEqualTo(edges);
        }
        Files.writeString(osm, osm("""
                  <way id="106" version="1">
                    <nd ref="1"/><nd ref="8"/>
                    <tag k="highway" v="residential"/>
                  </way>
                """));
        Files.setLastModifiedTime(osm, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        try (RoadGraph changed = RoadNetwork.open(osm, graphDir, 500)) {
            assertThat(changed.edges()).isEqualTo(edges + 1);
        }
        try (var folders = Files.list(graphDir)) {
            assertThat(folders.count()).isEqualTo(1);
        }
    }

    static org.locationtech.jts.geom.Point point(double[] p) {
        return TravelTimes.GEOMETRY.createPoint(new Coordinate(p[0], p[1]));
    }
}
