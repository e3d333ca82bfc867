package org.yingji.command;

/**
 * Travel time from a resource to the incident. The first implementation is a straight-line estimate; the routing
 * module's road-network times replace it when it is present.
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
