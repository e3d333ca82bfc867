package org.yingji.monitoring;

/** The four warning colours of GB/T 29639-style early warning, plus normal; ordered by severity. */
public enum Level {
    NORMAL("正常"), BLUE("蓝色"), YELLOW("黄色"), ORANGE("橙色"), RED("红色");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    boolean above(Level other) {
        return compareTo(other) > 0;
    }
}
