package org.yingji.platform.region;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Is a point in Zigong? Tested against the union of the six county polygons, widened by about 1 km because
 * the public outline is generalised and a real site on the border must not be refused.
 */
@Component
public class CityExtent {

    static final double TOLERANCE_DEGREES = 0.01;

    private final Regions regions;
    private final JsonMapper json;
    private volatile PreparedGeometry area;
    private volatile Envelope envelope;

    CityExtent(Regions regions, JsonMapper json) {
        this.regions = regions;
        this.json = json;
    }

    public boolean contains(double lon, double lat) {
        if (area == null) {
            load();
        }
        return envelope.contains(lon, lat)
                && area.covers(GeoJsonGeometries.FACTORY.createPoint(new Coordinate(lon, lat)));
    }

    /** A uniformly random point inside the city (for synthetic demo and benchmark data): lon, lat. */
    public double[] randomPoint(java.util.random.RandomGenerator random) {
        double[] box = bbox();
        while (true) {
            double lon = box[0] + random.nextDouble() * (box[2] - box[0]);
            double lat = box[1] + random.nextDouble() * (box[3] - box[1]);
            if (contains(lon, lat)) {
                return new double[]{lon, lat};
            }
        }
    }

    /** The bounding box: minLon, minLat, maxLon, maxLat. */
    public double[] bbox() {
        if (envelope == null) {
            load();
        }
        return new double[]{envelope.getMinX(), envelope.getMinY(), envelope.getMaxX(), envelope.getMaxY()};
    }

    private synchronized void load() {
        if (area != null) {
            return;
        }
        Geometry union = null;
        for (Region county : regions.list(RegionScope.of("510300"), RegionLevel.COUNTY, null)) {
            Geometry shape = GeoJsonGeometries.read(json.readTree(regions.boundary(county.code()).orElseThrow()));
            union = union == null ? shape : union.union(shape);
        }
        Geometry widened = union.buffer(TOLERANCE_DEGREES);
        envelope = widened.getEnvelopeInternal();
        area = PreparedGeometryFactory.prepare(widened);
    }
}
