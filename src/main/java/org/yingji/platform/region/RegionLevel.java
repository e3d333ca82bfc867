package org.yingji.platform.region;

/** The four levels of the administrative hierarchy below the province. */
public enum RegionLevel {
    CITY("市"), COUNTY("区县"), TOWNSHIP("乡镇街道"), VILLAGE("村社区");

    private final String label;

    RegionLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
