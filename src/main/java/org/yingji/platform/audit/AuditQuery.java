package org.yingji.platform.audit;

import java.time.Instant;

/** Filters of the audit search; every one is optional. */
public record AuditQuery(String actor, String action, String entityType, String entityId, Instant from, Instant to) {
}
