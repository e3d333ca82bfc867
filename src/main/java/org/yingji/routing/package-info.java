/**
 * Road routing: travel times over the city's OpenStreetMap road network (GraphHopper, in-process), nearest
 * resources by travel time, isochrones and the 5-minute response-circle coverage of the fire stations. Without a
 * configured OSM file every answer is a straight-line estimate and says so. Public face: {@link
 * org.yingji.routing.TravelTimes}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Routing")
package org.yingji.routing;
