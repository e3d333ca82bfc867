package org.yingji.safety;

import java.math.BigDecimal;
import java.util.List;
import org.yingji.platform.web.ProblemException;

/**
 * Grades a risk point. LEC (作业条件危险性评价法): D = L × E × C with the standard tables; D > 320 red,
 * 160–320 orange, 70–160 yellow, below 70 blue. Matrix (风险矩阵): R = likelihood × severity, each 1–5;
 * R ≥ 20 red, 15–19 orange, 9–14 yellow, below 9 blue.
 */
final class RiskAssessment {

    static final List<BigDecimal> L = decimals("10", "6", "3", "1", "0.5", "0.2", "0.1");
    static final List<BigDecimal> E = decimals("10", "6", "3", "2", "1", "0.5");
    static final List<BigDecimal> C = decimals("100", "40", "15", "7", "3", "1");

    record Grade(BigDecimal score, RiskLevel level) {
    }

    private RiskAssessment() {
    }

    static Grade lec(BigDecimal l, BigDecimal e, BigDecimal c) {
        check("l", l, L, "事故发生的可能性 L");
        check("e", e, E, "暴露于危险环境的频繁程度 E");
        check("c", c, C, "发生事故产生的后果 C");
        BigDecimal d = l.multiply(e).multiply(c);
        double value = d.doubleValue();
        RiskLevel level = value > 320 ? RiskLevel.RED : value >= 160 ? RiskLevel.ORANGE
                : value >= 70 ? RiskLevel.YELLOW : RiskLevel.BLUE;
        return new Grade(d, level);
    }

    static Grade matrix(Integer likelihood, Integer severity) {
        if (likelihood == null || likelihood < 1 || likelihood > 5) {
            throw new ProblemException.InvalidField("likelihood", "Range", "可能性须为 1 到 5 的整数");
        }
        if (severity == null || severity < 1 || severity > 5) {
            throw new ProblemException.InvalidField("severity", "Range", "严重程度须为 1 到 5 的整数");
        }
        int r = likelihood * severity;
        RiskLevel level = r >= 20 ? RiskLevel.RED : r >= 15 ? RiskLevel.ORANGE : r >= 9 ? RiskLevel.YELLOW : RiskLevel.BLUE;
        return new Grade(BigDecimal.valueOf(r), level);
    }

    private static void check(String field, BigDecimal value, List<BigDecimal> allowed, String label) {
        if (value == null || allowed.stream().noneMatch(a -> a.compareTo(value) == 0)) {
            throw new ProblemException.InvalidField(field, "LEC.table", label + " 须取标准表中的值："
                    + String.join("、", allowed.stream().map(BigDecimal::toPlainString).toList()));
        }
    }

    private static List<BigDecimal> decimals(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
