package org.yingji.safety;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A hidden hazard with its plan, supervision listing, steps and photos. */
public record HazardView(long id, long enterpriseId, String enterpriseName, String regionCode, String title,
                         String description, String category, String grade, String foundBy, Double lon, Double lat,
                         HazardState state, String stateName, Instant deadline, boolean overdue,
                         Map<String, Object> plan, Long reportedBy, Long rectifiedBy, Long acceptedBy, boolean listed,
                         String listingLevel, Long listingDepartmentId, String listingDepartmentName,
                         Instant listingDeadline, Instant escalatedAt, Instant reportedAt, Instant closedAt,
                         List<Step> steps, List<Long> photoIds) {

    public record Step(Instant at, String actor, String action, String note) {
    }
}
