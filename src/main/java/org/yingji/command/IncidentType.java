package org.yingji.command;

/**
 * Types of emergencies after GB/T 35561-2017 《突发事件分类与编码》, the subset a municipal emergency bureau
 * commands. The category decides which grading thresholds apply.
 */
public enum IncidentType {
    EARTHQUAKE("地震灾害", Category.NATURAL_DISASTER),
    GEOLOGICAL("地质灾害", Category.NATURAL_DISASTER),
    FLOOD("洪涝灾害", Category.NATURAL_DISASTER),
    DROUGHT("干旱灾害", Category.NATURAL_DISASTER),
    METEOROLOGICAL("气象灾害", Category.NATURAL_DISASTER),
    FOREST_FIRE("森林草原火灾", Category.NATURAL_DISASTER),
    HAZARDOUS_CHEMICALS("危险化学品事故", Category.ACCIDENT),
    MINE("矿山事故", Category.ACCIDENT),
    ROAD_TRAFFIC("道路交通事故", Category.ACCIDENT),
    FIRE("火灾事故", Category.ACCIDENT),
    CONSTRUCTION("建筑施工事故", Category.ACCIDENT),
    SPECIAL_EQUIPMENT("特种设备事故", Category.ACCIDENT),
    GAS("燃气事故", Category.ACCIDENT),
    FIREWORKS("烟花爆竹事故", Category.ACCIDENT),
    OTHER_ACCIDENT("其他生产安全事故", Category.ACCIDENT);

    /** 自然灾害 and 事故灾难, the two GB/T 35561 categories this module grades. */
    public enum Category {
        NATURAL_DISASTER("自然灾害"), ACCIDENT("事故灾难");

        private final String label;

        Category(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String label;
    private final Category category;

    IncidentType(String label, Category category) {
        this.label = label;
        this.category = category;
    }

    public String label() {
        return label;
    }

    public Category category() {
        return category;
    }
}
