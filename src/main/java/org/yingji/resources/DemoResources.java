package org.yingji.resources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yingji.platform.region.CityExtent;
import org.yingji.platform.region.Region;
import org.yingji.platform.region.RegionLevel;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;

/**
 * A large synthetic resource base for load tests ({@code --yingji.demo.scale=100000}): random points inside
 * Zigong, each attached to a random township, every row marked {@link #SOURCE}. Tops up to the requested count.
 */
@Component
@Order(50)
class DemoResources implements ApplicationRunner {

    static final String SOURCE = "演示数据（合成）";
    private static final Logger log = LoggerFactory.getLogger(DemoResources.class);

    private final int scale;
    private final JdbcClient jdbc;
    private final Resources resources;
    private final Regions regions;
    private final CityExtent city;
    private final TransactionTemplate transaction;

    DemoResources(@Value("${yingji.demo.scale:0}") int scale, JdbcClient jdbc, Resources resources, Regions regions,
                  CityExtent city, TransactionTemplate transaction) {
        this.scale = scale;
        this.jdbc = jdbc;
        this.resources = resources;
        this.regions = regions;
        this.city = city;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        long existing = jdbc.sql("select count(*) from resource where source = ?").param(SOURCE).query(Long.class).single();
        if (existing >= scale) {
            return;
        }
        long started = System.nanoTime();
        int missing = (int) (scale - existing);
        SplittableRandom random = new SplittableRandom(20261129L + existing);
        List<Region> townships = regions.list(RegionScope.of("510300"), RegionLevel.TOWNSHIP, null);
        ResourceKind[] kinds = ResourceKind.values();
        Map<ResourceKind, List<ResourceValidation.Valid>> batches = new LinkedHashMap<>();
        for (int i = 0; i < missing; i++) {
            ResourceKind kind = kinds[i % kinds.length];
            double[] point = city.randomPoint(random);
            Region township = townships.get(random.nextInt(townships.size()));
            String status = kind.statuses().isEmpty() ? null : kind.statuses().keySet().iterator().next();
            batches.computeIfAbsent(kind, k -> new ArrayList<>()).add(new ResourceValidation.Valid(
                    "演示" + kind.label() + "-" + (existing + i + 1), township.code(), point[0], point[1], null, status, false,
                    attributes(kind, random)));
        }
        transaction.executeWithoutResult(s -> batches.forEach((kind, rows) -> resources.insertAll(kind, rows, SOURCE)));
        log.info("Generated {} synthetic resources in {} ms", missing, (System.nanoTime() - started) / 1_000_000);
    }

    /** Valid values for every required field, so a synthetic row passes the same checks as a real one. */
    private static Map<String, Object> attributes(ResourceKind kind, SplittableRandom random) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (FieldSpec field : kind.fields()) {
            if (!field.required()) {
                continue;
            }
            List<String> options = new ArrayList<>(field.options().keySet());
            attributes.put(field.name(), switch (field.type()) {
                case INTEGER -> (long) random.nextInt(5, 200);
                case DECIMAL -> (double) random.nextInt(100, 20_000);
                case ENUM -> options.get(random.nextInt(options.size()));
                case MULTI_ENUM -> List.of(options.get(random.nextInt(options.size())));
                case PHONE -> "138" + String.format("%08d", random.nextInt(100_000_000));
                case URL -> "rtsp://video.example.invalid/" + random.nextInt(1_000_000);
                default -> "演示";
            });
        }
        return attributes;
    }
}
