package org.yingji.platform.region;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits Zigong's census population down to villages, because no public source gives county, township or village
 * counts for the census (docs/DATA.md, "Population per village"). The estimate is deterministic: the city's 2020
 * census total is shared among the counties by their 2023 year-end resident figures, and each county's share among
 * its villages by weight, a community (社区, urban) counting as {@value #COMMUNITY_WEIGHT} rural villages (村).
 * Largest-remainder rounding keeps every sum exact.
 */
final class PopulationEstimate {

    /** 7th national census, 2020-11-01 (zigong_facts.json, quality "official"). */
    static final int CITY_CENSUS_2020 = 2_489_256;

    /** 2023 year-end resident population in 10 000s, the only complete county-level set (zigong_facts.json). */
    static final Map<String, Double> COUNTY_RESIDENTS_2023 = Map.of(
            "510302", 47.8, "510303", 21.4, "510304", 28.3, "510311", 23.984, "510321", 45.4, "510322", 71.0);

    static final int COMMUNITY_WEIGHT = 2;

    private PopulationEstimate() {
    }

    /** Population per village code, given every village and the county each one lies in. */
    static Map<String, Integer> villages(List<Region> villages, Map<String, String> countyOfVillage) {
        Map<String, Integer> byCounty = largestRemainder(CITY_CENSUS_2020, COUNTY_RESIDENTS_2023);
        Map<String, Map<String, Double>> weights = new HashMap<>();
        for (Region village : villages) {
            String county = countyOfVillage.get(village.code());
            double weight = village.name().contains("社区") ? COMMUNITY_WEIGHT : 1;
            weights.computeIfAbsent(county, c -> new HashMap<>()).put(village.code(), weight);
        }
        Map<String, Integer> result = new HashMap<>();
        weights.forEach((county, countyWeights) ->
                result.putAll(largestRemainder(byCounty.getOrDefault(county, 0), countyWeights)));
        return result;
    }

    /** Integer shares of {@code total} proportional to the weights, summing exactly to the total. */
    static Map<String, Integer> largestRemainder(int total, Map<String, Double> weights) {
        double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Integer> shares = new HashMap<>();
        List<Map.Entry<String, Double>> remainders = new ArrayList<>();
        int assigned = 0;
        for (var entry : weights.entrySet()) {
            double exact = total * entry.getValue() / sum;
            int floor = (int) Math.floor(exact);
            shares.put(entry.getKey(), floor);
            assigned += floor;
            remainders.add(Map.entry(entry.getKey(), exact - floor));
        }
        // Ties broken by code so the estimate is the same on every machine.
        remainders.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (int i = 0; i < total - assigned; i++) {
            shares.merge(remainders.get(i).getKey(), 1, Integer::sum);
        }
        return shares;
    }
}
