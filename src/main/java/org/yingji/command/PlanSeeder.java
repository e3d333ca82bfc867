package org.yingji.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Zigong's overall plan and six special plans as demo data, created once when there are none. Modelled on the
 * structure of public municipal plans (自贡市突发事件总体应急预案 and its special plans); the content is
 * illustrative, not the official text (docs/DATA.md).
 */
@Component
@Order(40)
class PlanSeeder implements ApplicationRunner {

    /** An action card template: the department, the action, its time limit at level Ⅲ, and the lowest level it applies to. */
    private record Card(String dept, String action, int minutesAtIII, Grade from) {
    }

    private record Seed(String code, String name, Plans.Kind kind, List<IncidentType> scope, String purpose,
                        List<PlanContent.Organ> organisation, List<String> conditions, List<Card> cards) {
    }

    private static final Map<String, String> DEPARTMENTS = Map.of(
            "ZG-YJJ", "自贡市应急管理局", "ZG-ZRZY", "自贡市自然资源和规划局", "ZG-SW", "自贡市水务局",
            "ZG-QX", "自贡市气象局", "ZG-ZJ", "自贡市住房和城乡建设局", "ZG-STHJ", "自贡市生态环境局",
            "ZG-JT", "自贡市交通运输局", "ZG-GA", "自贡市公安局", "ZG-XF", "自贡市消防救援支队",
            "ZG-WJ", "自贡市卫生健康委员会");

    private final JdbcClient jdbc;
    private final Plans plans;

    PlanSeeder(JdbcClient jdbc, Plans plans) {
        this.jdbc = jdbc;
        this.plans = plans;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from plan").query(Long.class).single() > 0) {
            return;
        }
        seeds().forEach(s -> plans.create(s.code(), s.name(), s.kind(), content(s)));
    }

    private static PlanContent content(Seed s) {
        List<PlanContent.Level> levels = new ArrayList<>();
        for (Grade grade : Grade.values()) {
            List<PlanContent.Action> actions = s.cards().stream()
                    .filter(c -> !c.from().above(grade))
                    .map(c -> new PlanContent.Action(c.dept(), DEPARTMENTS.get(c.dept()), c.action(), limit(c.minutesAtIII(), grade)))
                    .toList();
            levels.add(new PlanContent.Level(grade, s.conditions().get(grade.ordinal()), actions));
        }
        return new PlanContent(s.scope(), s.purpose(), s.organisation(), levels);
    }

    /** Higher levels act faster: Ⅰ half the Ⅲ limit, Ⅱ three quarters, Ⅳ one and a half times. */
    private static int limit(int atIII, Grade grade) {
        double factor = switch (grade) {
            case I -> 0.5;
            case II -> 0.75;
            case III -> 1;
            case IV -> 1.5;
        };
        return Math.max(15, (int) Math.round(atIII * factor / 5) * 5);
    }

    private static List<PlanContent.Organ> organisation(String headquarters, String office) {
        return List.of(new PlanContent.Organ("指挥长", "分管副市长"),
                new PlanContent.Organ("副指挥长", "市政府副秘书长、市应急管理局局长及相关部门主要负责人"),
                new PlanContent.Organ("指挥部", headquarters),
                new PlanContent.Organ("指挥部办公室", office),
                new PlanContent.Organ("现场工作组", "综合协调、抢险救援、医疗救治、交通保障、通信保障、新闻宣传、群众生活、社会稳定组"));
    }

    static List<Seed> seeds() {
        return List.of(
                new Seed("ZG-YA-ZT", "自贡市突发事件总体应急预案", Plans.Kind.OVERALL, List.of(),
                        "规范全市突发事件应对工作，建立统一指挥、专常兼备、反应灵敏、上下联动的应急管理体制。",
                        organisation("市突发事件应急指挥部（市委、市政府统一领导）", "设在市应急管理局"),
                        List.of("发生特别重大突发事件，或超出市级处置能力，需省级以上统一指挥的",
                                "发生重大突发事件，需市级统一组织协调全市力量处置的",
                                "发生较大突发事件，或事发区县请求市级支援的",
                                "发生一般突发事件，由事发区县为主处置，市级派出工作组指导的"),
                        List.of(new Card("ZG-YJJ", "值班室核实信息，30分钟内电话、1小时内书面报告市委市政府；通知指挥部成员单位", 30, Grade.IV),
                                new Card("ZG-GA", "组织现场警戒和交通管制，维护社会秩序", 60, Grade.IV),
                                new Card("ZG-WJ", "组织医疗救治和卫生防疫力量赶赴现场", 60, Grade.III),
                                new Card("ZG-XF", "调派综合性消防救援力量开展抢险救援", 30, Grade.III),
                                new Card("ZG-JT", "开通应急通道，保障救援人员和物资运输", 120, Grade.II))),
                new Seed("ZG-YA-FX", "自贡市防汛抗旱应急预案", Plans.Kind.SPECIAL,
                        List.of(IncidentType.FLOOD, IncidentType.DROUGHT, IncidentType.METEOROLOGICAL),
                        "做好釜溪河、旭水河、威远河、越溪河及沱江富顺段洪涝灾害和干旱灾害的防范与处置，最大限度减少人员伤亡和财产损失。",
                        organisation("市防汛抗旱指挥部", "设在市应急管理局，市水务局承担防汛抗旱技术支撑"),
                        List.of("沱江富顺段发生超过历史最高水位的洪水；或因灾死亡和失踪30人以上；或紧急转移安置10万人以上",
                                "釜溪河、旭水河发生超保证水位洪水；或因灾死亡和失踪10人以上30人以下；或紧急转移安置1万人以上",
                                "主要河流控制站超警戒水位且持续上涨；或因灾死亡和失踪3人以上10人以下；或紧急转移安置1000人以上1万人以下；或中型水库出现险情",
                                "气象部门发布暴雨橙色预警；或主要河流接近警戒水位；或小型水库、堤防出现险情"),
                        List.of(new Card("ZG-YJJ", "启动响应，召开会商会，统筹调度救援队伍和救灾物资，每2小时报告一次汛情灾情", 60, Grade.IV),
                                new Card("ZG-SW", "加密水文监测，做好水库、堤防调度和巡查，发布洪水预报", 60, Grade.IV),
                                new Card("ZG-QX", "加密雨情监测，每3小时滚动发布降雨预报", 60, Grade.IV),
                                new Card("ZG-ZRZY", "组织地质灾害隐患点巡查排查，受威胁群众提前避让", 120, Grade.IV),
                                new Card("ZG-XF", "水域救援队伍前置备勤，开展被困群众搜救转移", 30, Grade.III),
                                new Card("ZG-GA", "对危险区域实施警戒和交通管制，协助转移群众", 60, Grade.III),
                                new Card("ZG-JT", "抢修水毁道路，保障抢险车辆通行", 180, Grade.III),
                                new Card("ZG-WJ", "派出医疗队，做好灾后卫生防疫", 120, Grade.II),
                                new Card("ZG-ZJ", "排查城市内涝积水点和危房，组织抢险排涝", 120, Grade.II))),
                new Seed("ZG-YA-DZ", "自贡市地震应急预案", Plans.Kind.SPECIAL, List.of(IncidentType.EARTHQUAKE),
                        "高效有序做好地震灾害应急处置，最大程度减少人员伤亡和经济损失。",
                        organisation("市抗震救灾指挥部", "设在市应急管理局"),
                        List.of("本市发生7.0级以上地震，或死亡（含失踪）30人以上",
                                "本市发生6.0—6.9级地震，或死亡（含失踪）10人以上30人以下",
                                "本市发生5.0—5.9级地震，或死亡（含失踪）3人以上10人以下",
                                "本市发生4.0—4.9级地震，或死亡（含失踪）3人以下"),
                        List.of(new Card("ZG-YJJ", "收集震情灾情，1小时内报告省应急管理厅，调度救援力量", 30, Grade.IV),
                                new Card("ZG-XF", "派出地震救援队开展被压埋人员搜救", 30, Grade.III),
                                new Card("ZG-ZJ", "组织房屋建筑应急评估，排查危房", 240, Grade.III),
                                new Card("ZG-WJ", "组织伤员救治和转运", 60, Grade.III),
                                new Card("ZG-GA", "维护灾区治安和交通秩序", 60, Grade.IV),
                                new Card("ZG-JT", "抢通受损道路和桥梁", 240, Grade.II))),
                new Seed("ZG-YA-DZZH", "自贡市突发地质灾害应急预案", Plans.Kind.SPECIAL, List.of(IncidentType.GEOLOGICAL),
                        "做好崩塌、滑坡、泥石流、地面塌陷（含盐卤开采区）等突发地质灾害的应急处置。",
                        organisation("市地质灾害应急指挥部", "设在市应急管理局，市自然资源和规划局承担技术支撑"),
                        List.of("因灾死亡30人以上，或直接经济损失1000万元以上",
                                "因灾死亡10人以上30人以下，或直接经济损失500万元以上1000万元以下",
                                "因灾死亡3人以上10人以下，或直接经济损失100万元以上500万元以下",
                                "因灾死亡3人以下，或直接经济损失100万元以下"),
                        List.of(new Card("ZG-ZRZY", "派出专家组开展灾情调查和险情监测，划定危险区", 60, Grade.IV),
                                new Card("ZG-YJJ", "组织转移受威胁群众，调度救援力量和物资", 60, Grade.IV),
                                new Card("ZG-XF", "开展被困、被埋人员搜救", 30, Grade.III),
                                new Card("ZG-QX", "提供灾区天气预报", 120, Grade.III),
                                new Card("ZG-GA", "实施现场警戒和交通管制", 60, Grade.III))),
                new Seed("ZG-YA-SLFH", "自贡市森林草原火灾应急预案", Plans.Kind.SPECIAL, List.of(IncidentType.FOREST_FIRE),
                        "科学高效扑救森林草原火灾，保护人民群众生命财产和森林资源安全。",
                        organisation("市森林草原防灭火指挥部", "设在市应急管理局"),
                        List.of("受害森林面积1000公顷以上，或死亡30人以上",
                                "受害森林面积100公顷以上1000公顷以下，或死亡10人以上30人以下",
                                "受害森林面积1公顷以上100公顷以下，或死亡3人以上10人以下",
                                "受害森林面积1公顷以下，或死亡1人以上3人以下"),
                        List.of(new Card("ZG-YJJ", "调度森林消防和半专业扑火队伍，组织扑救", 30, Grade.IV),
                                new Card("ZG-XF", "派出灭火力量，保护周边居民点和重要设施", 30, Grade.IV),
                                new Card("ZG-QX", "提供火场气象服务，适时开展人工增雨", 120, Grade.III),
                                new Card("ZG-GA", "火场警戒，查处火案", 120, Grade.III))),
                new Seed("ZG-YA-WHP", "自贡市危险化学品事故应急预案", Plans.Kind.SPECIAL, List.of(IncidentType.HAZARDOUS_CHEMICALS),
                        "做好自贡高新区、沿滩化工园区等危险化学品生产、储存、运输、使用环节事故的应急处置。",
                        organisation("市危险化学品事故应急指挥部", "设在市应急管理局"),
                        List.of("死亡30人以上，或重伤100人以上，或直接经济损失1亿元以上",
                                "死亡10人以上30人以下，或重伤50人以上100人以下，或直接经济损失5000万元以上1亿元以下",
                                "死亡3人以上10人以下，或重伤10人以上50人以下，或直接经济损失1000万元以上5000万元以下",
                                "死亡3人以下，或重伤10人以下，或直接经济损失1000万元以下"),
                        List.of(new Card("ZG-YJJ", "调派危化品救援队伍和专家，1小时内上报省应急管理厅", 60, Grade.IV),
                                new Card("ZG-XF", "开展侦检、堵漏、洗消和人员搜救", 30, Grade.IV),
                                new Card("ZG-STHJ", "开展大气、水体环境应急监测，防止次生污染", 60, Grade.IV),
                                new Card("ZG-GA", "划定警戒区，组织下风向群众疏散", 60, Grade.III),
                                new Card("ZG-WJ", "组织中毒伤员救治", 60, Grade.III))),
                new Seed("ZG-YA-SCAQ", "自贡市生产安全事故应急预案", Plans.Kind.SPECIAL,
                        List.of(IncidentType.MINE, IncidentType.CONSTRUCTION, IncidentType.SPECIAL_EQUIPMENT, IncidentType.GAS,
                                IncidentType.FIRE, IncidentType.ROAD_TRAFFIC, IncidentType.FIREWORKS, IncidentType.OTHER_ACCIDENT),
                        "规范全市生产安全事故应急救援工作，依据《生产安全事故应急条例》和《生产安全事故报告和调查处理条例》。",
                        organisation("市安全生产委员会应急指挥部", "设在市应急管理局"),
                        List.of("死亡30人以上，或重伤100人以上，或直接经济损失1亿元以上",
                                "死亡10人以上30人以下，或重伤50人以上100人以下，或直接经济损失5000万元以上1亿元以下",
                                "死亡3人以上10人以下，或重伤10人以上50人以下，或直接经济损失1000万元以上5000万元以下",
                                "死亡3人以下，或重伤10人以下，或直接经济损失1000万元以下"),
                        List.of(new Card("ZG-YJJ", "接报后1小时内上报，派出工作组赶赴现场", 60, Grade.IV),
                                new Card("ZG-XF", "开展抢险救援和人员搜救", 30, Grade.IV),
                                new Card("ZG-WJ", "组织伤员救治", 60, Grade.III),
                                new Card("ZG-GA", "现场警戒、交通管制，控制相关责任人", 60, Grade.III),
                                new Card("ZG-ZJ", "建筑施工事故的技术支持和现场排险", 120, Grade.III))));
    }
}
