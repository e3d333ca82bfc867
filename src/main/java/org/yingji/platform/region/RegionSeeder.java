package org.yingji.platform.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads Zigong's division list (seed/regions.csv, derived by tools/regions/derive_regions.py from the public
 * files named in docs/DATA.md) and the county boundaries into an empty region table at first start.
 */
@Component
@Order(10)
class RegionSeeder implements ApplicationRunner {

    private static final String CITY = "510300";

    private static final Logger log = LoggerFactory.getLogger(RegionSeeder.class);

    private final JdbcClient jdbc;
    private final Regions regions;
    private final JsonMapper json;
    private final TransactionTemplate transaction;

    RegionSeeder(JdbcClient jdbc, Regions regions, JsonMapper json, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.json = json;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        long count = jdbc.sql("select count(*) from region").query(Long.class).single();
        if (count == 0) {
            List<String[]> rows = readCsv("seed/regions.csv");
            Map<String, String> boundaries = readBoundaries("seed/boundaries.geojson");
            transaction.executeWithoutResult(status -> insert(rows, boundaries));
            log.info("Seeded {} regions of Zigong", rows.size());
        }
        regions.reload();
        if (jdbc.sql("select count(*) from region where population is null").query(Long.class).single() > 0) {
            transaction.executeWithoutResult(status -> estimatePopulation());
            regions.reload();
        }
    }

    private void insert(List<String[]> rows, Map<String, String> boundaries) {
        // Parents first: the level order is the tree order.
        rows.sort(Comparator.comparing((String[] row) -> RegionLevel.valueOf(row[2]).ordinal()));
        for (String[] row : rows) {
            jdbc.sql("""
                    insert into region (code, name, level, parent_code, lon, lat, approximate, centre_source, boundary)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(row[0], row[1], row[2], row[3].isEmpty() ? null : row[3],
                            Double.parseDouble(row[4]), Double.parseDouble(row[5]), Boolean.parseBoolean(row[6]),
                            row[7], boundaries.get(row[0]))
                    .update();
        }
    }

    private void estimatePopulation() {
        List<Region> villages = regions.list(RegionScope.of(CITY), RegionLevel.VILLAGE, null);
        Map<String, String> countyOf = new HashMap<>();
        for (Region village : villages) {
            List<String> ancestors = regions.ancestorsOf(village.code());
            countyOf.put(village.code(), ancestors.get(ancestors.size() - 2));
        }
        Map<String, Integer> population = PopulationEstimate.villages(villages, countyOf);
        population.forEach((code, people) ->
                jdbc.sql("update region set population = ? where code = ?").params(people, code).update());
        // Upper levels are sums, deepest first so each level sums finished children.
        for (RegionLevel level : List.of(RegionLevel.TOWNSHIP, RegionLevel.COUNTY, RegionLevel.CITY)) {
            jdbc.sql("""
                    update region r set population = coalesce((select sum(c.population) from region c
                                                               where c.parent_code = r.code), 0)
                    where r.level = ?""").param(level.name()).update();
        }
    }

    private Map<String, String> readBoundaries(String path) throws IOException {
        Map<String, String> result = new HashMap<>();
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            JsonNode collection = json.readTree(in);
            for (JsonNode feature : collection.get("features")) {
                result.put(feature.get("properties").get("code").asString(),
                        json.writeValueAsString(feature.get("geometry")));
            }
        }
        return result;
    }

    static List<String[]> readCsv(String path) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(new ClassPathResource(path).getInputStream(),
                StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null) {
                return rows;
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    rows.add(splitCsvLine(line));
                }
            }
        }
        return rows;
    }

    /** RFC 4180 fields: commas separate, double quotes enclose, a doubled quote is a quote. */
    static String[] splitCsvLine(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }
}
