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
