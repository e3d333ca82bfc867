package org.yingji.platform.audit;

import java.time.Instant;

/** One audit row: who did what to which entity, with its state before and after as JSON text. */
public record AuditEntry(long id, Instant at, String actor, String actorRegion, String action, String entityType, String entityId,
                         String before, String after, String prevHash, String hash) {
}
