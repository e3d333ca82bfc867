package org.yingji.command;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Grades an incident from its loss figures by the statutory thresholds of its category (sources and the
 * simplifications in docs/DATA.md): the most serious grade any criterion reaches wins, and the criterion that
 * reached it is kept as the deciding rule.
 */
final class Grading {

    /** A grade and the rule that gave it, e.g. "死亡 4 人 ≥ 3 人 → 较大 Ⅲ级". */
    record Decision(Grade grade, String rule) {
    }

    /** One criterion: thresholds for I, II, III (IV is everything below III). */
    private record Criterion(String name, String unit, ToLongFunction<Losses> value, long[] thresholds, String basis) {
    }

    private static final long WAN = 10_000;

    // 《生产安全事故报告和调查处理条例》(国务院令第493号) 第三条.
    private static final List<Criterion> ACCIDENT = List.of(
            new Criterion("死亡", "人", Losses::dead, new long[]{30, 10, 3}, "国务院令第493号第三条"),
            new Criterion("重伤", "人", Losses::seriouslyInjured, new long[]{100, 50, 10}, "国务院令第493号第三条"),
            new Criterion("直接经济损失", "万元", l -> yuanToWan(l.directLossYuan()), new long[]{10_000, 5_000, 1_000},
                    "国务院令第493号第三条"));

    // Casualty bands of 《国家突发地质灾害应急预案》 applied to every natural disaster, with municipal-scale
    // thresholds for evacuation and houses (simplification, see docs/DATA.md).
    private static final Criterion DEAD_AND_MISSING = new Criterion("死亡和失踪", "人", l -> l.dead() + l.missing(),
            new long[]{30, 10, 3}, "自然灾害分级标准");
    private static final Criterion EVACUATED = new Criterion("紧急转移安置", "人", Losses::evacuated,
            new long[]{10 * WAN, WAN, 1_000}, "自然灾害分级标准");
    private static final Criterion HOUSES = new Criterion("倒塌和严重损坏房屋", "间", Losses::housesCollapsed,
            new long[]{WAN, 1_000, 100}, "自然灾害分级标准");
    private static final List<Criterion> NATURAL = List.of(DEAD_AND_MISSING, EVACUATED, HOUSES);

    // 《国家突发地质灾害应急预案》 险情分级: people to be relocated from the threat ≥1000 / 500–1000 / 100–500 (replaces
    // our own evacuation bands for geological hazards), and 灾情分级: direct loss ≥1000万 / 500万 / 100万.
    private static final List<Criterion> GEOLOGICAL = List.of(DEAD_AND_MISSING,
            new Criterion("需搬迁转移", "人", Losses::evacuated, new long[]{1_000, 500, 100}, "国家突发地质灾害应急预案险情分级"),
            HOUSES,
            new Criterion("直接经济损失", "万元", l -> yuanToWan(l.directLossYuan()), new long[]{1_000, 500, 100},
                    "国家突发地质灾害应急预案"));

    private Grading() {
    }

    static Decision grade(IncidentType type, Losses losses) {
        List<Criterion> criteria = type.category() == IncidentType.Category.ACCIDENT ? ACCIDENT
                : type == IncidentType.GEOLOGICAL ? GEOLOGICAL : NATURAL;
        Decision best = null;
        for (Criterion c : criteria) {
            long value = c.value.applyAsLong(losses);
            for (int i = 0; i < 3; i++) {
                if (value >= c.thresholds[i]) {
                    Grade grade = Grade.values()[i];
                    if (best == null || grade.above(best.grade())) {
                        best = new Decision(grade, "%s %d %s ≥ %d %s → %s %s（%s）".formatted(c.name, value, c.unit,
                                c.thresholds[i], c.unit, grade.label(), grade.level(), c.basis));
                    }
                    break;
                }
            }
        }
        if (best != null) {
            return best;
        }
        Criterion first = criteria.get(0);
        return new Decision(Grade.IV, "%s %d %s < %d %s，未达较大及以上标准 → 一般 Ⅳ级（%s）".formatted(first.name,
                first.value.applyAsLong(losses), first.unit, first.thresholds[2], first.unit, first.basis));
    }

    private static long yuanToWan(BigDecimal yuan) {
        return yuan.divide(BigDecimal.valueOf(WAN), 0, java.math.RoundingMode.DOWN).longValueExact();
    }
}
