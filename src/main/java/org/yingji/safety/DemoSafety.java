package org.yingji.safety;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yingji.platform.region.CityExtent;
import org.yingji.platform.region.Region;
import org.yingji.platform.region.RegionLevel;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;

/**
 * A synthetic safety data set for load tests ({@code --yingji.demo.safety-scale=20000}): that many enterprises
 * (names 演示企业-n, valid credit codes with prefix 91510399) and ten hazards each over the past year in every
 * state. Runs once, when no enterprise exists yet.
 */
@Component
@Order(60)
class DemoSafety implements ApplicationRunner {

    static final int HAZARDS_PER_ENTERPRISE = 10;
    private static final Logger log = LoggerFactory.getLogger(DemoSafety.class);
    private static final HazardState[] STATES = HazardState.values();

    private final int scale;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Regions regions;
    private final CityExtent city;
    private final TransactionTemplate transaction;
    private final Clock clock;

    DemoSafety(@Value("${yingji.demo.safety-scale:0}") int scale, JdbcClient jdbc, JdbcTemplate template,
               Regions regions, CityExtent city, TransactionTemplate transaction, Clock clock) {
        this.scale = scale;
        this.jdbc = jdbc;
        this.template = template;
        this.regions = regions;
        this.city = city;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (scale <= 0 || jdbc.sql("select count(*) from enterprise").query(Long.class).single() > 0) {
            return;
        }
        long started = System.nanoTime();
        long reporter = jdbc.sql("select min(id) from app_user").query(Long.class).single();
        List<Region> townships = regions.list(RegionScope.of("510300"), RegionLevel.TOWNSHIP, null);
        Industry[] industries = Industry.values();
        RiskLevel[] levels = RiskLevel.values();
        SplittableRandom random = new SplittableRandom(8);
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            List<Object[]> enterprises = new java.util.ArrayList<>(scale);
            for (int i = 0; i < scale; i++) {
                double[] point = city.randomPoint(random);
                String first17 = "91510399" + String.format("%09d", i);
                enterprises.add(new Object[]{first17 + CreditCode.checkCharacter(first17), "演示企业-" + (i + 1),
                        industries[random.nextInt(industries.length)].name(), "SMALL",
                        townships.get(random.nextInt(townships.size())).code(), point[0], point[1],
                        random.nextInt(5) == 0 ? null : levels[random.nextInt(levels.length)].name()});
            }
            template.batchUpdate("""
                    insert into enterprise (credit_code, name, industry, scale, region_code, lon, lat,
                      legal_representative, safety_manager, safety_manager_phone, risk_level)
                    values (?, ?, ?, ?, ?, ?, ?, '演示', '演示', '13800000000', ?)""", enterprises);
            List<Object[]> hazards = new java.util.ArrayList<>();
            jdbc.sql("select id, region_code, industry from enterprise").query(rs -> {
                for (int h = 0; h < HAZARDS_PER_ENTERPRISE; h++) {
                    HazardState state = STATES[random.nextInt(STATES.length)];
                    Instant reported = now.minus(Duration.ofHours(random.nextInt(24 * 365)));
                    Instant deadline = reported.plus(Duration.ofDays(random.nextInt(5, 60)));
                    boolean major = random.nextInt(10) == 0;
                    hazards.add(new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), "演示隐患",
                            state == HazardState.REPORTED ? null : (major ? "MAJOR" : "GENERAL"), state.name(),
                            state == HazardState.REPORTED ? null : Timestamp.from(deadline), reporter,
                            Timestamp.from(reported), major && random.nextBoolean(),
                            state == HazardState.CLOSED ? Timestamp.from(deadline.minus(Duration.ofDays(2))) : null,
                            rs.getString(2).substring(0, 6), HazardRectification.month(reported),
                            state == HazardState.CLOSED ? HazardRectification.month(deadline.minus(Duration.ofDays(2))) : null});
                }
            });
            template.batchUpdate("""
                    insert into safety_hazard (enterprise_id, region_code, industry, title, description, category,
                      grade, found_by, state, deadline, reported_by, reported_at, listed, closed_at, county_code,
                      reported_month, closed_month)
                    values (?, ?, ?, ?, '演示数据（合成）', 'OTHER', ?, 'INSPECTOR', ?, ?, ?, ?, ?, ?, ?, ?, ?)""", hazards);
        });
        log.info("Generated {} synthetic enterprises and {} hazards in {} ms", scale, scale * HAZARDS_PER_ENTERPRISE,
                (System.nanoTime() - started) / 1_000_000);
    }
}
