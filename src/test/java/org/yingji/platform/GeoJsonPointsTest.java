package org.yingji.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.yingji.Api;
import org.yingji.platform.web.GeoJsonPoints;
import tools.jackson.databind.JsonNode;

class GeoJsonPointsTest {

    @Test
    void writesAFeatureCollectionAJsonParserReadsBack() {
        String name = "队伍 \"甲\" \\ 第一\n\t\u0001组";
        String json = new GeoJsonPoints()
                .point(7, 104.78, 29.34, "name", name, "status", null, "approximate", true, "count", 3)
                .point(8, 105.0, 29.1, "name", "乙")
                .finish("truncated", false);
        JsonNode collection = Api.JSON.readTree(json);
        assertThat(collection.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(collection.get("truncated").asBoolean()).isFalse();
        JsonNode first = collection.get("features").get(0);
        assertThat(first.get("id").asLong()).isEqualTo(7);
        assertThat(first.get("geometry").get("coordinates").get(0).asDouble()).isEqualTo(104.78);
        assertThat(first.get("properties").get("name").asString()).isEqualTo(name);
        assertThat(first.get("properties").get("status").isNull()).isTrue();
        assertThat(first.get("properties").get("approximate").asBoolean()).isTrue();
        assertThat(first.get("properties").get("count").asInt()).isEqualTo(3);
        assertThat(collection.get("features").size()).isEqualTo(2);
    }

    @Test
    void anEmptyCollectionIsValid() {
        assertThat(Api.JSON.readTree(new GeoJsonPoints().finish()).get("features").size()).isZero();
    }
}
