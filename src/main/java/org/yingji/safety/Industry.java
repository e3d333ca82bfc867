package org.yingji.safety;

/** Industries under safety-production supervision (GLOSSARY.md). */
public enum Industry {
    HAZCHEM("危险化学品"), COAL_MINE("煤矿"), NON_COAL_MINE("非煤矿山"), FIREWORKS("烟花爆竹"),
    INDUSTRY_TRADE("工贸"), CONSTRUCTION("建筑施工"), OTHER("其他");

    private final String label;

    Industry(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
