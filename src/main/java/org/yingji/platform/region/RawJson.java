package org.yingji.platform.region;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;

/** A JSON fragment already serialised (a stored GeoJSON geometry), written into a response as is. */
record RawJson(String json) {

    @JsonValue
    @JsonRawValue
    public String json() {
        return json;
    }
}
