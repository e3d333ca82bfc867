package org.yingji.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * What the rule engine remembers of one sensor: its recent readings (as long as the longest window of its rules,
 * at least the trend window) and the colour of each of its rules (by rule id). Not thread-safe: callers lock the instance.
 */
final class SensorState {

    static final Duration TREND_WINDOW = Duration.ofMinutes(30);
    static final Duration TREND_MIN_SPAN = Duration.ofMinutes(10);
    static final int TREND_MIN_READINGS = 5;
    private static final int MAX_POINTS = 4096;

    record Point(Instant time, double value) {
    }

    private final ArrayDeque<Point> points = new ArrayDeque<>();
    private final Map<Long, Level> levels = new HashMap<>();
    private Duration keep = TREND_WINDOW;

    void keepAtLeast(Duration window) {
        if (window.compareTo(keep) > 0) {
            keep = window;
        }
    }

    /** Adds a reading; false (and nothing changes) when it is not newer than the last one. */
    boolean add(Instant time, double value) {
        Point last = points.peekLast();
        if (last != null && !time.isAfter(last.time())) {
            return false;
        }
        points.addLast(new Point(time, value));
        Instant horizon = time.minus(keep);
        while (points.size() > MAX_POINTS || (points.size() > 1 && points.peekFirst().time().isBefore(horizon))) {
            points.removeFirst();
        }
        return true;
    }

    Point last() {
        return points.peekLast();
    }

    /** The colour of a rule (by id) on this sensor. */
    Level level(long ruleId) {
        return levels.getOrDefault(ruleId, Level.NORMAL);
    }

    void setLevel(long ruleId, Level level) {
        levels.put(ruleId, level);
    }

    Level worst() {
        return levels.values().stream().max(Enum::compareTo).orElse(Level.NORMAL);
    }

    /** Sum of the readings in the last {@code minutes} up to the newest reading (rain accumulation). */
    double sum(int minutes) {
        Point last = points.peekLast();
        if (last == null) {
            return 0;
        }
        Instant from = last.time().minus(Duration.ofMinutes(minutes));
        double sum = 0;
        for (Iterator<Point> it = points.descendingIterator(); it.hasNext(); ) {
            Point p = it.next();
            if (!p.time().isAfter(from)) {
                break;
            }
            sum += p.value();
        }
        return sum;
    }

    /** Change per hour between the oldest reading inside the window and the newest; 0 with fewer than two. */
    double ratePerHour(int minutes) {
        Point last = points.peekLast();
        if (last == null) {
            return 0;
        }
        Instant from = last.time().minus(Duration.ofMinutes(minutes));
        Point first = null;
        for (Point p : points) {
            if (!p.time().isBefore(from)) {
                first = p;
                break;
            }
        }
        if (first == null || first == last) {
            return 0;
        }
        // The change within the window, per hour of window: "moved 12 mm in the last hour" = 12 mm/h. Dividing by the
        // readings' own span instead would make 20 mm over 8 seconds (a device catching up, the demo's storm ramp)
        // read as 9 000 mm/h.
        return (last.value() - first.value()) / (minutes / 60.0);
    }

    /**
     * Least-squares slope per minute over the trend window, by reading time (not arrival). NaN — "数据不足" — unless
     * at least {@link #TREND_MIN_READINGS} readings span at least {@link #TREND_MIN_SPAN}: a line through a burst of
     * readings seconds apart (a device catching up, the demo storm's ramp) gives tens of metres a minute.
     */
    double slopePerMinute() {
        Point last = points.peekLast();
        if (last == null || trendSpan().compareTo(TREND_MIN_SPAN) < 0) {
            return Double.NaN;
        }
        Instant from = last.time().minus(TREND_WINDOW);
        int n = 0;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Point p : points) {
            if (p.time().isBefore(from)) {
                continue;
            }
            double x = Duration.between(last.time(), p.time()).toMillis() / 60_000.0;
            n++;
            sx += x;
            sy += p.value();
            sxx += x * x;
            sxy += x * p.value();
        }
        double denominator = n * sxx - sx * sx;
        if (n < TREND_MIN_READINGS || denominator == 0) {
            return Double.NaN;
        }
        return (n * sxy - sx * sy) / denominator;
    }

    /** Reading time from the oldest reading inside the trend window to the newest; zero without readings. */
    Duration trendSpan() {
        Point last = points.peekLast();
        if (last == null) {
            return Duration.ZERO;
        }
        Instant from = last.time().minus(TREND_WINDOW);
        for (Point p : points) {
            if (!p.time().isBefore(from)) {
                return Duration.between(p.time(), last.time());
            }
        }
        return Duration.ZERO;
    }
}
