package org.yingji.monitoring;

import java.util.EnumMap;
import java.util.Map;

/**
 * One alarm rule: four colour lines for a measure of a sensor (the value itself, its rate of change per hour, its
 * sum over a window, or the minutes since the last reading) and a deadband that a value must move back past a line
 * before the colour drops, so a value hovering at a line does not flap.
 *
 * @param lines   the line of each colour that is set (BLUE … RED), in the rule's direction
 * @param window  minutes of the rate or accumulation window; unused for THRESHOLD and OFFLINE
 */
record Rule(long id, Long sensorId, SensorKind kind, Type type, Direction direction, int window,
            Map<Level, Double> lines, double deadband) {

    enum Type {
        THRESHOLD("阈值"), RATE("变化速率"), ACCUMULATION("累计"), OFFLINE("离线");

        final String label;

        Type(String label) {
            this.label = label;
        }
    }

    enum Direction { ABOVE, BELOW }

    Rule {
        lines = lines.isEmpty() ? Map.of() : new EnumMap<>(lines);
    }

    static Map<Level, Double> lines(Double blue, Double yellow, Double orange, Double red) {
        Map<Level, Double> lines = new EnumMap<>(Level.class);
        if (blue != null) lines.put(Level.BLUE, blue);
        if (yellow != null) lines.put(Level.YELLOW, yellow);
        if (orange != null) lines.put(Level.ORANGE, orange);
        if (red != null) lines.put(Level.RED, red);
        return lines;
    }

    /**
     * The colour for {@code measure} given the colour now: a colour is entered at its line and kept until the
     * measure is back past the line by the deadband.
     */
    Level level(double measure, Level current) {
        Level entered = Level.NORMAL;
        Level kept = Level.NORMAL;
        for (Map.Entry<Level, Double> line : lines.entrySet()) {
            Level level = line.getKey();
            if (reached(measure, line.getValue())) {
                entered = level;
            }
            if (!level.above(current) && reached(measure, direction == Direction.ABOVE
                    ? line.getValue() - deadband : line.getValue() + deadband)) {
                kept = level;
            }
        }
        return entered.compareTo(kept) >= 0 ? entered : kept;
    }

    private boolean reached(double measure, double line) {
        return direction == Direction.ABOVE ? measure >= line : measure <= line;
    }

    /** The next line beyond {@code level} in the rule's direction, if any. */
    Map.Entry<Level, Double> nextLine(Level level) {
        return lines.entrySet().stream().filter(e -> e.getKey().above(level)).findFirst().orElse(null);
    }
}
