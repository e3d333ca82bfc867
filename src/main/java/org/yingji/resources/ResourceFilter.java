package org.yingji.resources;

import java.util.Map;

/**
 * Filters of a resource list, layer or export; all optional.
 *
 * @param attributes kind-specific equality filters, e.g. {@code specialties=HAZCHEM} (a list field contains it)
 * @param sort       one of name, regionCode, status, createdAt, updatedAt; prefix {@code -} for descending
 */
record ResourceFilter(String q, String regionCode, String status, Map<String, String> attributes, String sort) {

    static ResourceFilter none() {
        return new ResourceFilter(null, null, null, Map.of(), null);
    }
}
