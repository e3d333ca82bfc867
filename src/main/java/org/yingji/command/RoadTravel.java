package org.yingji.command;

import org.springframework.stereotype.Component;
import org.yingji.routing.TravelTimes;

/**
 * Travel times from the routing module: over the road network when one is loaded, otherwise (or for a resource
 * off the mapped roads) its straight-line estimate, which it labels as such.
 */
@Component
class RoadTravel implements TravelEstimates {

    private final TravelTimes travelTimes;

    RoadTravel(TravelTimes travelTimes) {
        this.travelTimes = travelTimes;
    }

    @Override
    public Travel between(double fromLon, double fromLat, double toLon, double toLat, double straightMeters) {
        TravelTimes.Route route = travelTimes.routeOrEstimate(fromLon, fromLat, toLon, toLat);
        return new Travel((int) Math.round(route.seconds()), (int) Math.round(route.meters()), route.estimate(),
                route.basis());
    }
}
