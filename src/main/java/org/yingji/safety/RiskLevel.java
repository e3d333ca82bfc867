package org.yingji.safety;

/** The four colours of risk, most severe first: 重大 red, 较大 orange, 一般 yellow, 低 blue. */
public enum RiskLevel {
    RED("重大风险"), ORANGE("较大风险"), YELLOW("一般风险"), BLUE("低风险");

    private final String label;

    RiskLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The more severe of two levels (null counts as none). */
    static RiskLevel worst(RiskLevel a, RiskLevel b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
