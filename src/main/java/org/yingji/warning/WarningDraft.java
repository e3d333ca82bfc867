package org.yingji.warning;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a new warning starts from, for other modules (the command centre drafting from an alarm) as for the form.
 * Every field may be null in a pre-filled draft except what {@link Warnings#draft} names as required.
 *
 * @param area          GeoJSON Polygon or MultiPolygon (WGS84), or null when the area is given by regions only
 * @param regionCodes   regions warned as a whole (county, township or village codes)
 * @param sourceAlarmId the alarm this warning was drafted from, if any (kept as text: the id is the monitoring
 *                      module's business)
 */
public record WarningDraft(EventType eventType, WarningLevel level, String headline, String description,
                           String instruction, String senderDepartment, Instant effectiveAt, Instant expiresAt,
                           JsonNode area, List<String> regionCodes, String sourceAlarmId) {
}
