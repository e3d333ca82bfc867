package org.yingji.resources;

import java.util.Map;

/** What a form or an import row submits for one resource; checked by {@link ResourceValidation}. */
record ResourceInput(String name, String regionCode, Double lon, Double lat, String address, String status,
                     Boolean approximate, Map<String, Object> attributes) {
}
