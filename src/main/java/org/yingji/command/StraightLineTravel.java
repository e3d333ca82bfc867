package org.yingji.command;

import org.springframework.stereotype.Component;

/**
 * Great-circle distance × 1.4 (typical road detour in hilly Zigong) at 40 km/h, always labelled an estimate.
 */
@Component
class StraightLineTravel implements TravelEstimates {

    static final double DETOUR = 1.4;
    static final double SPEED_M_PER_S = 40_000 / 3600.0;

    @Override
    public Travel between(double fromLon, double fromLat, double toLon, double toLat, double straightMeters) {
        double meters = straightMeters * DETOUR;
        return new Travel((int) Math.round(meters / SPEED_M_PER_S), (int) Math.round(meters), true, "直线距离估算（无路网）");
    }
}
