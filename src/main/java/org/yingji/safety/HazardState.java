package org.yingji.safety;

/** The states of a hidden hazard's rectification loop. */
public enum HazardState {
    REPORTED("已上报"), CONFIRMED("已确认"), RECTIFYING("整改中"), SUBMITTED("待验收"), CLOSED("已销号");

    private final String label;

    HazardState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
