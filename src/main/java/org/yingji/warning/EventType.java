package org.yingji.warning;

/** The hazards Zigong warns of, with the CAP category each belongs to. */
public enum EventType {
    RAINSTORM("暴雨", "Met"),
    FLOOD("洪水", "Met"),
    GEOLOGICAL_HAZARD("地质灾害", "Geo"),
    EARTHQUAKE("地震", "Geo"),
    FOREST_FIRE("森林火灾", "Fire"),
    HAZARDOUS_CHEMICAL("危化品泄漏", "CBRNE"),
    HIGH_TEMPERATURE("高温", "Met"),
    OTHER("其他", "Other");

    private final String label;
    private final String capCategory;

    EventType(String label, String capCategory) {
        this.label = label;
        this.capCategory = capCategory;
    }

    public String label() {
        return label;
    }

    String capCategory() {
        return capCategory;
    }

    static EventType fromLabel(String event, String category) {
        for (EventType type : values()) {
            if (event != null && event.contains(type.label)) {
                return type;
            }
        }
        for (EventType type : values()) {
            if (type.capCategory.equals(category)) {
                return type;
            }
        }
        return OTHER;
    }
}
