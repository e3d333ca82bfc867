package org.yingji.command;

/**
 * Travel time from a resource to the incident: {@link RoadTravel} asks the routing module (road network, or its
 * labelled straight-line estimate when none is configured).
 */
interface TravelEstimates {

    /**
     * @param estimate true when the figure is not from a road network (straight line × detour factor)
     * @param method   how it was computed, for the screen
     */
    record Travel(int seconds, int meters, boolean estimate, String method) {
    }

    /** @param straightMeters the great-circle distance, already known from the resource query */
    Travel between(double fromLon, double fromLat, double toLon, double toLat, double straightMeters);
}
