package org.yingji.safety;

import java.util.Map;

/** Lets tests in other packages build enterprise requests with valid credit codes. */
public final class SafetyTestDataAccess {

    private SafetyTestDataAccess() {
    }

    public static Map<String, Object> enterprise(String name, String regionCode, double lon, double lat) {
        return SafetyTestData.enterprise(name, regionCode, lon, lat);
    }
}
