package org.yingji.warning;

/** 预警级别: blue IV (general) up to red I (especially serious), with the CAP severity and urgency each maps to. */
public enum WarningLevel {
    BLUE("蓝色", "IV", "Minor", "Future"),
    YELLOW("黄色", "III", "Moderate", "Expected"),
    ORANGE("橙色", "II", "Severe", "Expected"),
    RED("红色", "I", "Extreme", "Immediate");

    private final String label;
    private final String grade;
    private final String capSeverity;
    private final String capUrgency;

    WarningLevel(String label, String grade, String capSeverity, String capUrgency) {
        this.label = label;
        this.grade = grade;
        this.capSeverity = capSeverity;
        this.capUrgency = capUrgency;
    }

    public String label() {
        return label;
    }

    public String grade() {
        return grade;
    }

    String capSeverity() {
        return capSeverity;
    }

    String capUrgency() {
        return capUrgency;
    }

    static WarningLevel fromCapSeverity(String severity) {
        for (WarningLevel level : values()) {
            if (level.capSeverity.equals(severity)) {
                return level;
            }
        }
        return BLUE;
    }
}
