package org.yingji.resources;

import java.time.Instant;
import java.util.Map;

/** A resource as the API and other modules see it. */
public record ResourceView(long id, ResourceKind kind, String name, String regionCode, String regionName, double lon,
                           double lat, String address, String status, boolean approximate, String source,
                           Map<String, Object> attributes, Instant createdAt, Instant updatedAt) {
}
