package org.yingji.command;

import java.time.Instant;

/** An incident as the command screen shows it, with its latest total losses and first-report deadline. */
public record IncidentView(long id, String title, IncidentType type, String typeLabel, String categoryLabel,
                           String source, String sourceRef, String regionCode, String regionName, double lon, double lat,
                           String address, Instant occurredAt, Instant reportedAt, String reporter, String reporterPhone,
                           String description, String state, Grade grade, String gradeLabel, Grade computedGrade,
                           String gradeRule, String gradeOverrideReason, Grade responseLevel, Instant closedAt,
                           String closeSummary, Instant firstReportDeadline, Instant firstReportAt,
                           boolean firstReportOverdue, Losses losses) {
}
