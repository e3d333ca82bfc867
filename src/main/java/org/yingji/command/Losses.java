package org.yingji.command;

import java.math.BigDecimal;

/**
 * The loss figures of the glossary (受灾人口, 死亡, 失踪, 受伤 and 重伤, 紧急转移安置, 倒塌/损坏房屋, 直接经济损失).
 * Seriously injured people are counted within {@code injured}.
 */
public record Losses(int affected, int dead, int missing, int injured, int seriouslyInjured, int evacuated,
                     int housesCollapsed, int housesDamaged, BigDecimal directLossYuan) {

    public static final Losses NONE = new Losses(0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO);

    Losses plus(Losses o) {
        return new Losses(affected + o.affected, dead + o.dead, missing + o.missing, injured + o.injured,
                seriouslyInjured + o.seriouslyInjured, evacuated + o.evacuated, housesCollapsed + o.housesCollapsed,
                housesDamaged + o.housesDamaged, directLossYuan.add(o.directLossYuan));
    }
}
