package org.yingji.monitoring;

/** What a monitoring point is. */
enum StationKind {
    RESERVOIR("水库"), RIVER("河道断面"), LANDSLIDE("地质灾害隐患点"), RAIN_GAUGE("雨量站"), TANK_FARM("危化品罐区"),
    COAL_MINE("煤矿工作面"), SEISMIC("地震台站"), WEATHER("气象站"), FOREST("森林防火监测点");

    final String label;

    StationKind(String label) {
        this.label = label;
    }
}
