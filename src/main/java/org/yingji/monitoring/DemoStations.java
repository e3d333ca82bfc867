package org.yingji.monitoring;

import java.util.List;

/**
 * The monitoring points of the demo: real places of Zigong (coordinates of the reservoirs and river sections from the
 * geopark survey, see docs/DATA.md), with invented sensor codes, baselines and storm peaks. Points marked
 * approximate have no published coordinates and are placed by hand near where such sites are.
 */
final class DemoStations {

    private DemoStations() {
    }

    /** A sensor: its normal value, where the storm scenario drives it, and its own four lines (null = kind rules). */
    record DemoSensor(String code, SensorKind kind, String name, double base, double noise, double stormPeak,
                      Rule.Direction direction, double[] lines, double deadband) {
    }

    record DemoStation(String code, String name, StationKind kind, String regionCode, double lon, double lat,
                       String owner, boolean approximate, String source, List<DemoSensor> sensors) {
    }

    private static final String GEOPARK = "自贡世界地质公园资源点调查（坐标）";
    private static final String APPROX = "示意位置（近似）";

    static DemoSensor level(String code, double base, double peak, double... lines) {
        return new DemoSensor(code, SensorKind.WATER_LEVEL, "水位", base, 0.02, peak, Rule.Direction.ABOVE, lines, 0.1);
    }

    static DemoSensor rain(String code) {
        return new DemoSensor(code, SensorKind.RAINFALL, "雨量", 0.2, 0.2, 12, null, null, 0);
    }

    static final List<DemoStation> STATIONS = List.of(
            new DemoStation("RES-SHUANGXI", "双溪水库", StationKind.RESERVOIR, "510321", 104.41033333, 29.474611111,
                    "荣县水务局", false, GEOPARK, List.of(
                    level("RES-SHUANGXI-WL", 452.3, 457.2, 454.0, 455.0, 456.0, 457.0), rain("RES-SHUANGXI-RN"))),
            new DemoStation("RES-XIAOJINGGOU", "小井沟水库", StationKind.RESERVOIR, "510321", 104.16513889,
                    29.402888889, "自贡市小井沟水利工程管理处", false, GEOPARK, List.of(
                    level("RES-XJG-WL", 418.6, 421.5, 420.0, 420.8, 421.3, 422.0), rain("RES-XJG-RN"))),
            new DemoStation("RES-QINGLONG", "青龙水库", StationKind.RESERVOIR, "510304", 104.8310833, 29.42438889,
                    "大安区水务局", false, GEOPARK, List.of(
                    level("RES-QINGLONG-WL", 336.1, 336.6, 337.5, 338.0, 338.5, 339.0))),
            new DemoStation("RIV-FUXI-SHAWAN", "釜溪河沙湾断面", StationKind.RIVER, "510302", 104.76613889,
                    29.350388889, "自贡市水文站", false, GEOPARK, List.of(
                    level("RIV-FUXI-WL", 286.4, 291.2, 288.0, 289.0, 290.0, 291.0), rain("RIV-FUXI-RN"))),
            new DemoStation("RIV-XUSHUI-AIYE", "旭水河艾叶断面", StationKind.RIVER, "510303", 104.68397222,
                    29.352638889, "贡井区水务局", false, GEOPARK, List.of(
                    level("RIV-XUSHUI-WL", 301.2, 302.4, 303.0, 303.8, 304.5, 305.2))),
            new DemoStation("RIV-TUO-FUSHUN", "沱江富顺断面", StationKind.RIVER, "510322", 104.975, 29.181,
                    "富顺县水务局", true, APPROX, List.of(
                    level("RIV-TUO-WL", 262.0, 266.8, 264.0, 265.0, 266.0, 267.0))),
            new DemoStation("GEO-YANGLIU", "杨柳村崩塌隐患点", StationKind.LANDSLIDE, "510303", 104.66647222,
                    29.227194444, "贡井区自然资源局", false, GEOPARK, List.of(
                    new DemoSensor("GEO-YANGLIU-GNSS", SensorKind.GNSS_DISPLACEMENT, "GNSS 累计位移", 12.0, 0.3, 58,
                            Rule.Direction.ABOVE, new double[] {20, 30, 40, 50}, 1),
                    new DemoSensor("GEO-YANGLIU-CRACK", SensorKind.CRACK_WIDTH, "裂缝宽度", 8.0, 0.1, 9.5,
                            Rule.Direction.ABOVE, new double[] {15, 20, 25, 30}, 0.5),
                    rain("GEO-YANGLIU-RN"))),
            new DemoStation("GEO-CHANGSHAN", "长山镇滑坡隐患点", StationKind.LANDSLIDE, "510321", 104.2255, 29.4702,
                    "荣县自然资源局", true, APPROX, List.of(
                    new DemoSensor("GEO-CHANGSHAN-GNSS", SensorKind.GNSS_DISPLACEMENT, "GNSS 累计位移", 5.0, 0.3, 9,
                            Rule.Direction.ABOVE, new double[] {20, 30, 40, 50}, 1))),
            new DemoStation("CHEM-YANTAN-T01", "沿滩新材料产业园 1# 储罐区", StationKind.TANK_FARM, "510311", 104.872,
                    29.268, "园区企业（示意）", true, APPROX, List.of(
                    new DemoSensor("CHEM-T01-TEMP", SensorKind.TANK_TEMPERATURE, "储罐温度", 24.0, 0.3, 26,
                            Rule.Direction.ABOVE, new double[] {40, 45, 50, 55}, 1),
                    new DemoSensor("CHEM-T01-PRES", SensorKind.TANK_PRESSURE, "储罐压力", 0.32, 0.01, 0.34,
                            Rule.Direction.ABOVE, new double[] {0.5, 0.6, 0.7, 0.8}, 0.02),
                    new DemoSensor("CHEM-T01-LEL", SensorKind.COMBUSTIBLE_GAS, "可燃气体", 0.5, 0.3, 0.8,
                            Rule.Direction.ABOVE, new double[] {10, 15, 20, 25}, 2))),
            new DemoStation("CHEM-CHENGUANG-T02", "富顺晨光园区 2# 储罐区", StationKind.TANK_FARM, "510322", 104.9605,
                    29.2156, "园区企业（示意）", true, APPROX, List.of(
                    new DemoSensor("CHEM-T02-LEVEL", SensorKind.TANK_LEVEL, "储罐液位", 6.2, 0.02, 6.3,
                            Rule.Direction.ABOVE, new double[] {9.0, 9.5, 10.0, 10.5}, 0.1),
                    new DemoSensor("CHEM-T02-TOX", SensorKind.TOXIC_GAS, "有毒气体", 1.0, 0.5, 1.5,
                            Rule.Direction.ABOVE, new double[] {10, 20, 30, 50}, 2))),
            new DemoStation("MINE-RONG-01", "荣县煤矿 3# 回采工作面", StationKind.COAL_MINE, "510321", 104.298, 29.541,
                    "煤矿企业（示意）", true, APPROX, List.of(
                    new DemoSensor("MINE-R01-CH4", SensorKind.MINE_CH4, "瓦斯浓度", 0.3, 0.05, 0.4,
                            Rule.Direction.ABOVE, new double[] {0.5, 0.8, 1.0, 1.5}, 0.05),
                    new DemoSensor("MINE-R01-CO", SensorKind.MINE_CO, "一氧化碳", 3, 1, 4,
                            Rule.Direction.ABOVE, new double[] {12, 18, 24, 50}, 2))),
            new DemoStation("WX-ZLJ", "自流井气象观测站", StationKind.WEATHER, "510302", 104.7785, 29.3390,
                    "自贡市气象局", true, APPROX, List.of(
                    rain("WX-ZLJ-RN"),
                    new DemoSensor("WX-ZLJ-WIND", SensorKind.WIND_SPEED, "风速", 2.5, 0.8, 17,
                            Rule.Direction.ABOVE, new double[] {10.8, 13.9, 17.2, 24.5}, 1))),
            new DemoStation("SEIS-RONG", "荣县地震台", StationKind.SEISMIC, "510321", 104.417, 29.445, "自贡市地震局",
                    true, APPROX, List.of(
                    new DemoSensor("SEIS-RONG-INT", SensorKind.SEISMIC_INTENSITY, "仪器烈度", 0.2, 0.1, 0.3,
                            Rule.Direction.ABOVE, new double[] {3, 4, 5, 6}, 0.2))));
}
