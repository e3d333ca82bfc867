package org.yingji.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;
import org.springframework.stereotype.Service;
import org.yingji.platform.region.Region;
import org.yingji.platform.region.RegionLevel;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;
import org.yingji.resources.ResourceKind;
import org.yingji.resources.ResourceQueries;
import org.yingji.resources.ResourceView;

/**
 * The T-minute response circle (应急救援5分钟力量调度圈): the union of every fire station's isochrone, and how
 * much population, how many hazard sources and protection targets lie inside, per county and township; with
 * candidate stations ("what if") added on top. The stations' area is one multi-source search, cached per set of
 * station positions, time and graph (a moved, added or removed station makes a new key, so no event is needed);
 * candidates' isochrones are cached per position. The counts are recomputed each time (about a thousand
 * villages), so they always follow the current hazards and targets.
 */
@Service("routingCoverage") // warning has a Coverage too: bean names are global
class Coverage {

    static final int MAX_CANDIDATES = 20;
    static final String VILLAGE_NOTE = "村社区以中心点近似：中心点在覆盖范围内即计为该村人口全部覆盖";
    private static final int CACHE_LIMIT = 1_000;

    private final TravelTimes travelTimes;
    private final RoadNetwork network;
    private final ResourceQueries resources;
    private final Regions regions;
    private final Map<String, Geometry> areas = new ConcurrentHashMap<>();

    Coverage(TravelTimes travelTimes, RoadNetwork network, ResourceQueries resources, Regions regions) {
        this.travelTimes = travelTimes;
        this.network = network;
        this.resources = resources;
        this.regions = regions;
    }

    record Station(long id, String name, double lon, double lat) {
    }

    record Row(String code, String name, String level, String countyName, Double lon, Double lat,
               CoverageCount.Figures before, CoverageCount.Figures after) {
    }

    record CandidateGain(double lon, double lat, long addedPopulation, int addedHazards, int addedTargets) {
    }

    /**
     * @param after      with the candidates added; null without candidates
     * @param area       the covered area as a GeoJSON geometry; {@code areaAfter} with the candidates
     * @param uncovered  townships of the scope none of whose villages is covered (before candidates)
     */
    record Result(double minutes, boolean estimate, String basis, String note, CoverageCount.Figures before,
                  CoverageCount.Figures after, List<Row> counties, List<Row> townships, List<Row> uncovered,
                  List<Station> stations, List<CandidateGain> candidates, Map<String, Object> area,
                  Map<String, Object> areaAfter) {
    }

    Result analyse(RegionScope scope, double minutes, List<double[]> candidates) {
        TravelTimes.requireMinutes(minutes);
        TravelTimes.Basis basis = travelTimes.basis();
        RegionScope city = RegionScope.of(cityCode());
        List<Station> stations = resources.all(city, ResourceKind.FIRE_STATION).stream()
                .map(r -> new Station(r.id(), r.name(), r.lon(), r.lat())).toList();
        Geometry area = stationsArea(stations, minutes);

        List<CoverageCount.Village> villages = villages(scope);
        List<CoverageCount.Site> hazards = sites(scope, ResourceKind.HAZARD_SOURCE);
        List<CoverageCount.Site> targets = sites(scope, ResourceKind.PROTECTION_TARGET);
        CoverageCount.Counts before = CoverageCount.count(area, villages, hazards, targets);

        CoverageCount.Counts after = null;
        Geometry areaAfter = null;
        List<CandidateGain> gains = new ArrayList<>();
        if (!candidates.isEmpty()) {
            List<Geometry> all = new ArrayList<>(List.of(area));
            for (double[] candidate : candidates) {
                Geometry own = isochrone(candidate[0], candidate[1], minutes);
                all.add(own);
                CoverageCount.Figures alone = CoverageCount.count(union(List.of(area, own)), villages, hazards,
                        targets).total();
                gains.add(new CandidateGain(candidate[0], candidate[1],
                        alone.coveredPopulation() - before.total().coveredPopulation(),
                        alone.coveredHazards() - before.total().coveredHazards(),
                        alone.coveredTargets() - before.total().coveredTargets()));
            }
            areaAfter = union(all);
            after = CoverageCount.count(areaAfter, villages, hazards, targets);
        }

        List<Row> counties = new ArrayList<>();
        List<Row> townships = new ArrayList<>();
        List<Row> uncovered = new ArrayList<>();
        for (Region county : regions.list(scope, RegionLevel.COUNTY, null)) {
            counties.add(row(county, county.name(), before, after));
        }
        for (Region township : regions.list(scope, RegionLevel.TOWNSHIP, null)) {
            Row row = row(township, regions.nameOf(township.parentCode()), before, after);
            townships.add(row);
            if (row.before().population() > 0 && row.before().coveredPopulation() == 0) {
                uncovered.add(row);
            }
        }
        return new Result(minutes, basis.estimate(), basis.text(), VILLAGE_NOTE, before.total(),
                after == null ? null : after.total(), counties, townships, uncovered, stations, gains,
                GeoJson.of(area), areaAfter == null ? null : GeoJson.of(areaAfter));
    }

    private static Row row(Region region, String countyName, CoverageCount.Counts before,
                           CoverageCount.Counts after) {
        CoverageCount.Figures empty = CoverageCount.Figures.of(0, 0, 0, 0, 0, 0);
        return new Row(region.code(), region.name(), region.level().name(), countyName, region.lon(), region.lat(),
                before.byRegion().getOrDefault(region.code(), empty),
                after == null ? null : after.byRegion().getOrDefault(region.code(), empty));
    }

    private String cityCode() {
        return regions.list(RegionScope.of(""), RegionLevel.CITY, null).stream().findFirst()
                .map(Region::code).orElseThrow();
    }

    /** The stations' area, remembered per station positions, time and loaded graph. */
    private Geometry stationsArea(List<Station> stations, double minutes) {
        StringBuilder key = new StringBuilder(graphKey(minutes));
        stations.forEach(s -> key.append(';').append(s.lon()).append(',').append(s.lat()));
        return cached(key.toString(), () -> travelTimes.reachable(
                stations.stream().map(s -> new double[]{s.lon(), s.lat()}).toList(), minutes).area());
    }

    /** One candidate's isochrone, remembered per position, time and loaded graph. */
    private Geometry isochrone(double lon, double lat, double minutes) {
        return cached(graphKey(minutes) + ";" + lon + "," + lat,
                () -> travelTimes.isochrone(lon, lat, minutes).area());
    }

    /** A new graph (or none) means new keys, so nothing computed on the old one is reused. */
    private String graphKey(double minutes) {
        return System.identityHashCode(network.graph()) + ":" + minutes;
    }

    private Geometry cached(String key, java.util.function.Supplier<Geometry> compute) {
        Geometry cached = areas.get(key);
        if (cached != null) {
            return cached;
        }
        if (areas.size() > CACHE_LIMIT) {
            areas.clear();
        }
        Geometry area = compute.get();
        Geometry valid = area.isValid() ? area : area.buffer(0);
        areas.put(key, valid);
        return valid;
    }

    private static Geometry union(List<Geometry> areas) {
        Geometry union = UnaryUnionOp.union(areas);
        return union == null ? TravelTimes.GEOMETRY.createPolygon() : union;
    }

    private List<CoverageCount.Village> villages(RegionScope scope) {
        List<CoverageCount.Village> villages = new ArrayList<>();
        for (Region village : regions.list(scope, RegionLevel.VILLAGE, null)) {
            if (village.lon() == null || village.lat() == null) {
                continue;
            }
            String township = village.parentCode();
            String county = regions.find(township).map(Region::parentCode).orElse(null);
            villages.add(new CoverageCount.Village(village.code(), township, county, village.lon(), village.lat(),
                    village.population()));
        }
        return villages;
    }

    private List<CoverageCount.Site> sites(RegionScope scope, ResourceKind kind) {
        List<CoverageCount.Site> sites = new ArrayList<>();
        Map<String, String[]> places = new LinkedHashMap<>();
        for (ResourceView r : resources.all(scope, kind)) {
            String[] place = places.computeIfAbsent(r.regionCode(), this::townshipAndCounty);
            sites.add(new CoverageCount.Site(place[0], place[1], r.lon(), r.lat()));
        }
        return sites;
    }

    /** The township and county a region code lies in (either null when the code is above that level). */
    private String[] townshipAndCounty(String code) {
        String township = null;
        String county = null;
        List<String> chain = new ArrayList<>();
        chain.add(code);
        chain.addAll(regions.ancestorsOf(code));
        for (String c : chain) {
            RegionLevel level = regions.find(c).map(Region::level).orElse(null);
            if (level == RegionLevel.TOWNSHIP) {
                township = c;
            } else if (level == RegionLevel.COUNTY) {
                county = c;
            }
        }
        return new String[]{township, county};
    }
}
