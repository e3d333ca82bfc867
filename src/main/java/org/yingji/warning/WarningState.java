package org.yingji.warning;

/** Where a warning is in its lifecycle; an update keeps it PUBLISHED with a higher revision. */
public enum WarningState {
    DRAFT, SUBMITTED, APPROVED, PUBLISHED, CANCELLED, EXPIRED
}
