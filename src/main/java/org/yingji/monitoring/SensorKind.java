package org.yingji.monitoring;

/** What a sensor measures, with its unit and the physically possible range (readings outside are rejected). */
enum SensorKind {
    RAINFALL("降雨量", "mm", 0, 300),
    WATER_LEVEL("水位", "m", 0, 1000),
    GNSS_DISPLACEMENT("GNSS 地表位移", "mm", -5000, 5000),
    CRACK_WIDTH("裂缝宽度", "mm", 0, 2000),
    SEISMIC_INTENSITY("地震烈度", "度", 0, 12),
    COMBUSTIBLE_GAS("可燃气体", "%LEL", 0, 100),
    TOXIC_GAS("有毒气体", "ppm", 0, 10000),
    TANK_TEMPERATURE("储罐温度", "℃", -50, 300),
    TANK_PRESSURE("储罐压力", "MPa", -0.1, 50),
    TANK_LEVEL("储罐液位", "m", 0, 50),
    MINE_CH4("瓦斯浓度 CH4", "%", 0, 100),
    MINE_CO("一氧化碳 CO", "ppm", 0, 5000),
    WIND_SPEED("风速", "m/s", 0, 100);

    private final String label;
    private final String unit;
    private final double min;
    private final double max;

    SensorKind(String label, String unit, double min, double max) {
        this.label = label;
        this.unit = unit;
        this.min = min;
        this.max = max;
    }

    String label() {
        return label;
    }

    String unit() {
        return unit;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    boolean possible(double value) {
        return value >= min && value <= max;
    }
}
