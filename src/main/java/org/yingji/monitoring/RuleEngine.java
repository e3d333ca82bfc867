package org.yingji.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a sensor's rules on its in-memory state. Pure: no database, no clock; the caller feeds readings (and,
 * for OFFLINE, the current time) and turns the returned transitions into alarms.
 */
final class RuleEngine {

    private RuleEngine() {
    }

    /** A rule's colour changed; {@code measure} is what was compared with the lines (value, rate, sum, minutes). */
    record Transition(Rule rule, Level from, Level to, double measure) {
    }

    /** Adds the reading and evaluates every rule except OFFLINE (a reading clears OFFLINE). */
    static List<Transition> onReading(SensorState state, List<Rule> rules, Instant time, double value) {
        List<Transition> transitions = new ArrayList<>();
        if (!state.add(time, value)) {
            return transitions;
        }
        for (Rule rule : rules) {
            double measure = switch (rule.type()) {
                case THRESHOLD -> value;
                case RATE -> state.ratePerHour(rule.window());
                case ACCUMULATION -> state.sum(rule.window());
                case OFFLINE -> 0;
            };
            Level from = state.level(rule.id());
            Level to = rule.type() == Rule.Type.OFFLINE ? Level.NORMAL : rule.level(measure, from);
            if (to != from) {
                state.setLevel(rule.id(), to);
                transitions.add(new Transition(rule, from, to, measure));
            }
        }
        return transitions;
    }

    /** Evaluates the OFFLINE rule: the measure is the minutes since the last reading (or since {@code since}). */
    static List<Transition> onClock(SensorState state, List<Rule> rules, Instant now, Instant since) {
        List<Transition> transitions = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.type() != Rule.Type.OFFLINE) {
                continue;
            }
            SensorState.Point last = state.last();
            double minutes = Duration.between(last == null ? since : last.time(), now).toSeconds() / 60.0;
            Level from = state.level(rule.id());
            Level to = rule.level(minutes, from);
            if (to != from) {
                state.setLevel(rule.id(), to);
                transitions.add(new Transition(rule, from, to, minutes));
            }
        }
        return transitions;
    }

    /** The rule engine's view on where a sensor's value is heading, for the station page and the alarm. */
    record Forecast(double slopePerMinute, Level nextLevel, Double nextLine, Long minutesToLine) {

        /** Whether the recent readings were enough to tell a trend at all (the slope is NaN when not). */
        boolean enoughData() {
            return !Double.isNaN(slopePerMinute);
        }

        String text() {
            if (minutesToLine == null) {
                return null;
            }
            return "预计 " + minutesToLine + " 分钟后达到" + nextLevel.label() + "预警线";
        }
    }

    /** No forecast further ahead than this many times the span of readings the trend was fitted to. */
    static final int FORECAST_REACH = 4;

    /**
     * The least-squares trend over the last 30 minutes (none — 数据不足 — from too few readings or too short a span,
     * see {@link SensorState#slopePerMinute()}) and, when it moves towards the next THRESHOLD line, the minutes until
     * it reaches that line at this pace: at least 1, and only within 24 h and within {@link #FORECAST_REACH} times the
     * watched span — a straight line through ten minutes of readings says nothing about the next day.
     */
    static Forecast forecast(SensorState state, List<Rule> rules) {
        double slope = state.slopePerMinute();
        SensorState.Point last = state.last();
        Rule threshold = rules.stream().filter(r -> r.type() == Rule.Type.THRESHOLD).findFirst().orElse(null);
        if (last == null || threshold == null || Double.isNaN(slope)) {
            return new Forecast(slope, null, null, null);
        }
        var next = threshold.nextLine(state.level(threshold.id()));
        if (next == null) {
            return new Forecast(slope, null, null, null);
        }
        double distance = next.getValue() - last.value();
        boolean towards = threshold.direction() == Rule.Direction.ABOVE ? slope > 0 && distance > 0
                : slope < 0 && distance < 0;
        if (!towards) {
            return new Forecast(slope, next.getKey(), next.getValue(), null);
        }
        long minutes = Math.max(1, Math.round(distance / slope));
        long reach = Math.min(24 * 60, FORECAST_REACH * state.trendSpan().toMinutes());
        return new Forecast(slope, next.getKey(), next.getValue(), minutes <= reach ? minutes : null);
    }
}
