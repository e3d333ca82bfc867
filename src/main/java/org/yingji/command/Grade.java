package org.yingji.command;

/** The four grades of an emergency (特别重大/重大/较大/一般), also the four response levels of a plan. */
public enum Grade {
    I("特别重大", "Ⅰ级"), II("重大", "Ⅱ级"), III("较大", "Ⅲ级"), IV("一般", "Ⅳ级");

    private final String label;
    private final String level;

    Grade(String label, String level) {
        this.label = label;
        this.level = level;
    }

    public String label() {
        return label;
    }

    /** As written in plans: Ⅲ级. */
    public String level() {
        return level;
    }

    /** True when this grade is more serious than {@code other} (I is the most serious). */
    public boolean above(Grade other) {
        return ordinal() < other.ordinal();
    }
}
