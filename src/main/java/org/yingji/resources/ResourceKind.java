package org.yingji.resources;

import static org.yingji.resources.FieldSpec.choice;
import static org.yingji.resources.FieldSpec.choices;
import static org.yingji.resources.FieldSpec.decimal;
import static org.yingji.resources.FieldSpec.integer;
import static org.yingji.resources.FieldSpec.phone;
import static org.yingji.resources.FieldSpec.text;
import static org.yingji.resources.FieldSpec.url;

import java.util.List;
import java.util.Map;

/** The kinds of the resource base (GLOSSARY.md), each with its Chinese name, its fields and its statuses. */
public enum ResourceKind {

    RESCUE_TEAM("应急救援队伍", ordered("AVAILABLE", "待命", "DEPLOYED", "已出动"), List.of(
            choice("teamKind", "队伍类型", true, "FIRE_RESCUE", "综合性消防救援", "PROFESSIONAL", "专业救援",
                    "MILITIA", "民兵", "SOCIAL", "社会救援力量", "GRASSROOTS", "基层应急队伍"),
            choices("specialties", "专业特长", false, "HAZCHEM", "危化品", "MINE", "矿山", "WATER", "水域",
                    "MOUNTAIN", "山地", "AVIATION", "航空", "FOREST_FIRE", "森林火灾", "MEDICAL", "医疗",
                    "EARTHQUAKE", "地震", "FLOOD", "防汛", "ELECTRIC", "电力", "COMMUNICATION", "通信"),
            integer("headcount", "人数", true),
            text("leader", "负责人", true),
            phone("phone", "联系电话", true))),
    FIRE_STATION("消防救援站", Map.of(), List.of(
            choice("stationType", "站点类型", true, "SPECIAL_SERVICE", "特勤站", "URBAN", "城市消防站",
                    "TOWNSHIP", "乡镇消防站", "VOLUNTEER", "志愿消防队"),
            integer("headcount", "人数", false),
            integer("vehicles", "消防车辆数", false),
            phone("phone", "值班电话", false))),
    EXPERT("应急专家", Map.of(), List.of(
            choice("field", "专业领域", true, "HAZCHEM", "危险化学品", "MINE", "矿山安全", "GEOLOGY", "地质灾害",
                    "FLOOD", "防汛抗旱", "EARTHQUAKE", "地震", "FOREST_FIRE", "森林防灭火", "MEDICAL", "医疗救护",
                    "STRUCTURE", "建筑结构", "METEOROLOGY", "气象", "FIREWORKS", "烟花爆竹"),
            text("title", "职称", false),
            text("organisation", "工作单位", true),
            phone("phone", "联系电话", true))),
    WAREHOUSE("应急物资储备库", Map.of(), List.of(
            choice("level", "储备库级别", true, "CITY", "市级", "COUNTY", "县级", "TOWNSHIP", "乡镇级", "VILLAGE", "村级"),
            decimal("areaM2", "面积(㎡)", false),
            text("keeper", "管理员", true),
            phone("phone", "联系电话", true))),
    SHELTER("应急避难场所", Map.of(), List.of(
            choice("shelterType", "场所类型", true, "CLASS_I", "Ⅰ类(长期)", "CLASS_II", "Ⅱ类(中期)",
                    "CLASS_III", "Ⅲ类(短期)", "INDOOR", "室内避难场所"),
            integer("capacityPeople", "可容纳人数", true),
            decimal("areaM2", "面积(㎡)", true),
            text("facilities", "配套设施", false),
            phone("phone", "联系电话", false))),
    EQUIPMENT("大型应急装备", ordered("AVAILABLE", "可用", "DEPLOYED", "已调用", "MAINTENANCE", "维修中"), List.of(
            choice("equipmentType", "装备类型", true, "EXCAVATOR", "挖掘机", "CRANE", "起重机", "LOADER", "装载机",
                    "PUMP_TRUCK", "排涝车", "GENERATOR_TRUCK", "发电车", "COMMUNICATION_VEHICLE", "通信指挥车",
                    "BOAT", "冲锋舟", "DRONE", "无人机", "OTHER", "其他"),
            text("owner", "所属单位", true),
            integer("quantity", "数量", true),
            phone("phone", "联系电话", false))),
    HAZARD_SOURCE("危险源", Map.of(), List.of(
            text("enterprise", "所属企业", true),
            text("chemicals", "主要危险物质", false),
            choice("level", "重大危险源等级", false, "LEVEL_1", "一级", "LEVEL_2", "二级", "LEVEL_3", "三级",
                    "LEVEL_4", "四级", "NONE", "非重大危险源"),
            text("industry", "行业", false),
            phone("phone", "联系电话", false))),
    PROTECTION_TARGET("防护目标", Map.of(), List.of(
            choice("targetType", "目标类型", true, "SCHOOL", "学校", "KINDERGARTEN", "幼儿园", "HOSPITAL", "医院",
                    "CARE_HOME", "养老院", "MARKET", "商场/集贸市场", "RESIDENTIAL", "居民集中区", "OTHER", "其他"),
            integer("people", "人数", false),
            phone("phone", "联系电话", false))),
    VIDEO_SOURCE("视频监控点", ordered("ONLINE", "在线", "OFFLINE", "离线"), List.of(
            url("streamUrl", "视频流地址", true),
            text("provider", "所属单位", false)));

    private final String label;
    private final Map<String, String> statuses;
    private final List<FieldSpec> fields;

    ResourceKind(String label, Map<String, String> statuses, List<FieldSpec> fields) {
        this.label = label;
        this.statuses = statuses;
        this.fields = fields;
    }

    public String label() {
        return label;
    }

    /** Statuses in the order given (the first is the default a new resource starts in). */
    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    /** Allowed statuses (value → Chinese label); empty when the kind has no status. */
    public Map<String, String> statuses() {
        return statuses;
    }

    public List<FieldSpec> fields() {
        return fields;
    }

    FieldSpec field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** URL segment: RESCUE_TEAM ↔ rescue-teams. */
    public String path() {
        return name().toLowerCase().replace('_', '-') + "s";
    }

    public static ResourceKind fromPath(String path) {
        for (ResourceKind kind : values()) {
            if (kind.path().equals(path) || kind.name().equals(path)) {
                return kind;
            }
        }
        return null;
    }
}
