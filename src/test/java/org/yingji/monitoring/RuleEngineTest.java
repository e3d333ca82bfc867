package org.yingji.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule engine on its own: colours, hysteresis, rates, accumulation, offline and the forecast. */
class RuleEngineTest {

    static final Instant T0 = Instant.parse("2026-07-01T00:00:00Z");

    static Rule rule(Rule.Type type, Rule.Direction direction, int window, double deadband, Double... lines) {
        return new Rule(1, 1L, SensorKind.WATER_LEVEL, type, direction, window,
                Rule.lines(lines[0], lines[1], lines[2], lines[3]), deadband);
    }

    static final Rule WATER = rule(Rule.Type.THRESHOLD, Rule.Direction.ABOVE, 0, 0.2, 10.0, 11.0, 12.0, 13.0);

    /** Feeds values one minute apart and returns the colour after each. */
    static List<Level> feed(SensorState state, List<Rule> rules, double... values) {
        List<Level> levels = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            RuleEngine.onReading(state, rules, T0.plusSeconds(60L * (i + 1)), values[i]);
            levels.add(state.level(rules.get(0).id()));
        }
        return levels;
    }

    @Test
    void thresholdsAboveEnterEachColourAtItsLine() {
        assertThat(feed(new SensorState(), List.of(WATER), 9.9, 10.0, 11.5, 12.0, 13.2, 20))
                .containsExactly(Level.NORMAL, Level.BLUE, Level.YELLOW, Level.ORANGE, Level.RED, Level.RED);
    }

    @Test
    void aJumpStraightToRedIsOneTransition() {
        SensorState state = new SensorState();
        var transitions = RuleEngine.onReading(state, List.of(WATER), T0, 14);
        assertThat(transitions).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(Level.NORMAL);
            assertThat(t.to()).isEqualTo(Level.RED);
            assertThat(t.measure()).isEqualTo(14);
        });
    }

    @Test
    void hoveringAtALineDoesNotFlap() {
        SensorState state = new SensorState();
        var transitions = new ArrayList<RuleEngine.Transition>();
        double[] hovering = {13.0, 12.95, 13.01, 12.85, 12.99, 12.81, 13.02, 12.9};
        for (int i = 0; i < hovering.length; i++) {
            transitions.addAll(RuleEngine.onReading(state, List.of(WATER), T0.plusSeconds(60L * i), hovering[i]));
        }
        assertThat(transitions).singleElement().extracting(RuleEngine.Transition::to).isEqualTo(Level.RED);
        assertThat(state.level(1)).isEqualTo(Level.RED);
    }

    @Test
    void theColourDropsOnlyPastTheDeadband() {
        assertThat(feed(new SensorState(), List.of(WATER), 13.1, 12.81, 12.79, 11.5, 9.81, 9.79))
                .containsExactly(Level.RED, Level.RED, Level.ORANGE, Level.YELLOW, Level.BLUE, Level.NORMAL);
    }

    @Test
    void belowRulesMirrorAboveRules() {
        Rule low = rule(Rule.Type.THRESHOLD, Rule.Direction.BELOW, 0, 0.5, 8.0, 6.0, 4.0, 2.0);
        assertThat(feed(new SensorState(), List.of(low), 9, 8, 5, 1.9, 2.3, 2.6, 8.4, 8.6))
                .containsExactly(Level.NORMAL, Level.BLUE, Level.YELLOW, Level.RED, Level.RED, Level.ORANGE,
                        Level.BLUE, Level.NORMAL);
    }

    @Test
    void unsetColoursAreSkipped() {
        Rule redOnly = new Rule(1, 1L, SensorKind.MINE_CH4, Rule.Type.THRESHOLD, Rule.Direction.ABOVE, 0,
                Rule.lines(null, null, 1.0, 1.5), 0.1);
        assertThat(feed(new SensorState(), List.of(redOnly), 0.5, 1.2, 1.6, 0.95, 0.89))
                .containsExactly(Level.NORMAL, Level.ORANGE, Level.RED, Level.ORANGE, Level.NORMAL);
    }

    @Test
    void olderOrRepeatedReadingsAreIgnored() {
        SensorState state = new SensorState();
        assertThat(RuleEngine.onReading(state, List.of(WATER), T0.plusSeconds(60), 14)).hasSize(1);
        assertThat(RuleEngine.onReading(state, List.of(WATER), T0.plusSeconds(60), 1)).isEmpty();
        assertThat(RuleEngine.onReading(state, List.of(WATER), T0, 1)).isEmpty();
        assertThat(state.level(1)).isEqualTo(Level.RED);
    }

    @Test
    void rateOfChangeIsPerHourOverItsWindow() {
        // displacement: 10 mm/h yellow, 20 mm/h red, over 60 minutes
        Rule rate = rule(Rule.Type.RATE, Rule.Direction.ABOVE, 60, 1, null, 10.0, null, 20.0);
        SensorState state = new SensorState();
        state.keepAtLeast(java.time.Duration.ofMinutes(60));
        // 0.1 mm/min = 6 mm/h: normal
        for (int i = 0; i <= 30; i++) {
            RuleEngine.onReading(state, List.of(rate), T0.plusSeconds(60L * i), 0.1 * i);
        }
        assertThat(state.level(1)).isEqualTo(Level.NORMAL);
        // then 0.5 mm/min = 30 mm/h for 30 minutes: over the 60-minute window (3 + 15) mm / 1 h = 18 mm/h
        double v = 3;
        for (int i = 31; i <= 60; i++) {
            v += 0.5;
            RuleEngine.onReading(state, List.of(rate), T0.plusSeconds(60L * i), v);
        }
        assertThat(state.ratePerHour(60)).isCloseTo(18.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(state.level(1)).isEqualTo(Level.YELLOW);
        for (int i = 61; i <= 90; i++) {
            v += 0.5;
            RuleEngine.onReading(state, List.of(rate), T0.plusSeconds(60L * i), v);
        }
        assertThat(state.level(1)).isEqualTo(Level.RED);
    }

    @Test
    void aBurstOfReadingsGivesTheChangeWithinTheWindowNotAnExtrapolation() {
        Rule rate = rule(Rule.Type.RATE, Rule.Direction.ABOVE, 60, 1, null, 10.0, null, 20.0);
        SensorState state = new SensorState();
        state.keepAtLeast(java.time.Duration.ofMinutes(60));
        for (int i = 0; i <= 8; i++) { // 16 mm in 8 seconds
            RuleEngine.onReading(state, List.of(rate), T0.plusSeconds(i), 2.0 * i);
        }
        assertThat(state.ratePerHour(60)).isCloseTo(16.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(state.level(1)).isEqualTo(Level.YELLOW);
    }

    @Test
    void rainAccumulatesOverOneHourAndTwentyFourHours() {
        Rule hour = new Rule(1, 1L, SensorKind.RAINFALL, Rule.Type.ACCUMULATION, Rule.Direction.ABOVE, 60,
                Rule.lines(null, 30.0, 50.0, 70.0), 0);
        SensorState state = new SensorState();
        state.keepAtLeast(java.time.Duration.ofHours(24));
        // 5 mm every 5 minutes = 60 mm/h
        List<Level> levels = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            RuleEngine.onReading(state, List.of(hour), T0.plusSeconds(300L * i), 5);
            levels.add(state.level(1));
        }
        assertThat(state.sum(60)).isEqualTo(60);
        assertThat(levels.get(5)).isEqualTo(Level.YELLOW);   // 30 mm after 30 min
        assertThat(levels.get(9)).isEqualTo(Level.ORANGE);   // 50 mm after 50 min
        assertThat(levels.get(13)).isEqualTo(Level.ORANGE);  // never more than 60 mm in an hour
        // rain stops: the hour's sum falls back to zero
        RuleEngine.onReading(state, List.of(hour), T0.plusSeconds(300L * 14 + 3600), 0);
        assertThat(state.level(1)).isEqualTo(Level.NORMAL);
        assertThat(state.sum(24 * 60)).isEqualTo(70);
    }

    @Test
    void oneHourAndTwentyFourHourRainRulesKeepTheirOwnColours() {
        Rule hour = new Rule(10, 1L, SensorKind.RAINFALL, Rule.Type.ACCUMULATION, Rule.Direction.ABOVE, 60,
                Rule.lines(null, 30.0, null, 70.0), 0);
        Rule day = new Rule(11, 1L, SensorKind.RAINFALL, Rule.Type.ACCUMULATION, Rule.Direction.ABOVE, 24 * 60,
                Rule.lines(null, 50.0, null, 100.0), 0);
        SensorState state = new SensorState();
        state.keepAtLeast(java.time.Duration.ofHours(24));
        // steady 4 mm per 10 minutes = 24 mm/h for six hours: never yellow in an hour, red over the day
        for (int i = 1; i <= 36; i++) {
            RuleEngine.onReading(state, List.of(hour, day), T0.plusSeconds(600L * i), 4);
        }
        assertThat(state.level(10)).isEqualTo(Level.NORMAL);
        assertThat(state.level(11)).isEqualTo(Level.RED);
        assertThat(state.worst()).isEqualTo(Level.RED);
    }

    @Test
    void offlineAfterMinutesWithoutDataAndBackOnTheNextReading() {
        Rule offline = new Rule(1, null, SensorKind.WATER_LEVEL, Rule.Type.OFFLINE, Rule.Direction.ABOVE, 0,
                Rule.lines(null, 30.0, null, 120.0), 0);
        SensorState state = new SensorState();
        RuleEngine.onReading(state, List.of(offline), T0, 5);
        assertThat(RuleEngine.onClock(state, List.of(offline), T0.plusSeconds(29 * 60), T0)).isEmpty();
        assertThat(RuleEngine.onClock(state, List.of(offline), T0.plusSeconds(31 * 60), T0))
                .singleElement().extracting(RuleEngine.Transition::to).isEqualTo(Level.YELLOW);
        assertThat(RuleEngine.onClock(state, List.of(offline), T0.plusSeconds(121 * 60), T0))
                .singleElement().extracting(RuleEngine.Transition::to).isEqualTo(Level.RED);
        assertThat(RuleEngine.onReading(state, List.of(offline), T0.plusSeconds(122 * 60), 5))
                .singleElement().extracting(RuleEngine.Transition::to).isEqualTo(Level.NORMAL);
        // a sensor that never reported counts from when monitoring started
        SensorState silent = new SensorState();
        assertThat(RuleEngine.onClock(silent, List.of(offline), T0.plusSeconds(40 * 60), T0))
                .singleElement().extracting(RuleEngine.Transition::to).isEqualTo(Level.YELLOW);
    }

    @Test
    void forecastTellsWhenARisingValueReachesTheNextLine() {
        SensorState state = new SensorState();
        // 9.0 m rising 0.05 m per minute; at 10.5 (blue) after 30 min, next line yellow 11.0: (11 - 10.5) / 0.05 = 10
        for (int i = 0; i <= 30; i++) {
            RuleEngine.onReading(state, List.of(WATER), T0.plusSeconds(60L * i), 9.0 + 0.05 * i);
        }
        RuleEngine.Forecast forecast = RuleEngine.forecast(state, List.of(WATER));
        assertThat(forecast.slopePerMinute()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(forecast.nextLevel()).isEqualTo(Level.YELLOW);
        assertThat(forecast.minutesToLine()).isEqualTo(10);
        assertThat(forecast.text()).isEqualTo("预计 10 分钟后达到黄色预警线");
    }

    @Test
    void noForecastWhenFallingOrFlat() {
        SensorState state = new SensorState();
        for (int i = 0; i <= 10; i++) {
            RuleEngine.onReading(state, List.of(WATER), T0.plusSeconds(60L * i), 9.5 - 0.01 * i);
        }
        assertThat(RuleEngine.forecast(state, List.of(WATER)).minutesToLine()).isNull();
        assertThat(RuleEngine.forecast(state, List.of(WATER)).text()).isNull();
        assertThat(RuleEngine.forecast(new SensorState(), List.of(WATER)).nextLevel()).isNull();
    }
    @Test
    void aShortBurstGivesNoTrendAndNoForecast() {
        // the storm scenario's ramp: 8 readings one second apart, 452.3 m → 457.2 m; fitted as a line that is
        // 36 m per minute and "1 minute to the next line", which nobody should read
        Rule reservoir = rule(Rule.Type.THRESHOLD, Rule.Direction.ABOVE, 0, 0.2, 454.0, 455.0, 456.0, 470.0);
        SensorState state = new SensorState();
        for (int i = 1; i <= 8; i++) {
            RuleEngine.onReading(state, List.of(reservoir), T0.plusSeconds(i), 452.3 + (457.2 - 452.3) * i / 8);
        }
        RuleEngine.Forecast forecast = RuleEngine.forecast(state, List.of(reservoir));
        assertThat(forecast.slopePerMinute()).isNaN();
        assertThat(forecast.enoughData()).isFalse();
        assertThat(forecast.minutesToLine()).isNull();
        assertThat(forecast.text()).isNull();
    }

    @Test
    void aTrendNeedsFiveReadingsOverTenMinutesOfReadingTime() {
        SensorState fewReadings = new SensorState();
        for (int i = 0; i < 4; i++) {
            RuleEngine.onReading(fewReadings, List.of(WATER), T0.plusSeconds(300L * i), 9.0 + 0.1 * i);
        }
        assertThat(RuleEngine.forecast(fewReadings, List.of(WATER)).enoughData()).as("4 readings over 15 min").isFalse();

        SensorState shortSpan = new SensorState();
        for (int i = 0; i < 10; i++) {
            RuleEngine.onReading(shortSpan, List.of(WATER), T0.plusSeconds(60L * i), 9.0 + 0.1 * i);
        }
        assertThat(RuleEngine.forecast(shortSpan, List.of(WATER)).enoughData()).as("10 readings over 9 min").isFalse();

        SensorState enough = new SensorState();
        for (int i = 0; i <= 10; i++) {
            RuleEngine.onReading(enough, List.of(WATER), T0.plusSeconds(60L * i), 9.0 + 0.05 * i);
        }
        RuleEngine.Forecast forecast = RuleEngine.forecast(enough, List.of(WATER));
        assertThat(forecast.enoughData()).isTrue();
        // 9.5 m rising 0.05 m/min: blue (10.0) in 10 min
        assertThat(forecast.minutesToLine()).isEqualTo(10);
    }

    @Test
    void noForecastFurtherAheadThanFourTimesTheWatchedSpan() {
        // 10 minutes of a slow rise (0.001 m/min) put blue 10.0 m 490 minutes away: a line through 10 minutes of
        // readings says nothing about the next eight hours
        SensorState state = new SensorState();
        for (int i = 0; i <= 10; i++) {
            RuleEngine.onReading(state, List.of(WATER), T0.plusSeconds(60L * i), 9.5 + 0.001 * i);
        }
        RuleEngine.Forecast forecast = RuleEngine.forecast(state, List.of(WATER));
        assertThat(forecast.enoughData()).isTrue();
        assertThat(forecast.nextLevel()).isEqualTo(Level.BLUE);
        assertThat(forecast.minutesToLine()).isNull();
    }
}
