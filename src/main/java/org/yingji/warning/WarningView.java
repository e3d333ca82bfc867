package org.yingji.warning;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A warning as the API shows it. */
public record WarningView(long id, String identifier, WarningState state, EventType eventType, String eventLabel,
                          WarningLevel level, String levelLabel, String headline, String description,
                          String instruction, String senderDepartment, Instant effectiveAt, Instant expiresAt,
                          JsonNode area, List<String> regionCodes, String regionCode, String sourceAlarmId,
                          long draftedBy, String draftedByName, Instant submittedAt, Long approvedBy,
                          String approvedByName, Instant approvedAt, Instant publishedAt, String msgType,
                          int revision, Instant sentAt, Instant previousSentAt, Instant cancelledAt,
                          String importedFrom, Instant createdAt, Instant updatedAt, PendingUpdate pendingUpdate) {

    /**
     * A change of the published warning waiting for review: SUBMITTED by its drafter, then APPROVED by another
     * person, then published as a CAP Update.
     */
    public record PendingUpdate(String state, JsonNode draft, long draftedBy, String draftedByName,
                                Instant submittedAt, Long approvedBy, String approvedByName) {
    }

    @JsonProperty("capUrl")
    public String capUrl() {
        return state == WarningState.PUBLISHED || state == WarningState.CANCELLED || state == WarningState.EXPIRED
                ? "/public/warnings/" + id + ".cap.xml" : null;
    }
}
