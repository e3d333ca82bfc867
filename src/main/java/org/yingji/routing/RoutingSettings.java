package org.yingji.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param osmFile         the city's OpenStreetMap extract (.osm.pbf or .osm); empty = straight-line estimates
 * @param graphDir        where the imported graph is kept between starts (rebuilt when the file changes)
 * @param snapLimitMeters a point farther than this from every road is refused as "not on the road network"
 * @param detourFactor    estimate: road distance = straight-line distance × this
 * @param averageSpeedKmh estimate: average driving speed
 * @param matrixLimit     most cells (origins × destinations) one matrix request may ask for
 */
@ConfigurationProperties("yingji.routing")
record RoutingSettings(String osmFile, String graphDir, double snapLimitMeters, double detourFactor,
                       double averageSpeedKmh, int matrixLimit) {

    RoutingSettings {
        graphDir = graphDir == null || graphDir.isBlank() ? "./data/graph" : graphDir;
        snapLimitMeters = snapLimitMeters > 0 ? snapLimitMeters : 500;
        detourFactor = detourFactor >= 1 ? detourFactor : 1.4;
        averageSpeedKmh = averageSpeedKmh > 0 ? averageSpeedKmh : 30;
        matrixLimit = matrixLimit > 0 ? matrixLimit : 2500;
    }

    boolean hasOsmFile() {
        return osmFile != null && !osmFile.isBlank();
    }
}
