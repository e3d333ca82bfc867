package org.yingji.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Grading rules that need no database: the deciding criterion and its source. */
class GradingTest {

    private static Losses evacuated(int people) {
        return new Losses(0, 0, 0, 0, 0, people, 0, 0, BigDecimal.ZERO);
    }

    @Test
    void geologicalHazardsGradeRelocatedPeopleByTheNationalPlansThreatBands() {
        // 《国家突发地质灾害应急预案》 险情分级: ≥ 1000 特大型, 500–1000 大型, 100–500 中型, < 100 小型.
        assertThat(Grading.grade(IncidentType.GEOLOGICAL, evacuated(99)).grade()).isEqualTo(Grade.IV);
        assertThat(Grading.grade(IncidentType.GEOLOGICAL, evacuated(100)).grade()).isEqualTo(Grade.III);
        assertThat(Grading.grade(IncidentType.GEOLOGICAL, evacuated(500)).grade()).isEqualTo(Grade.II);
        Grading.Decision decision = Grading.grade(IncidentType.GEOLOGICAL, evacuated(1_200));
        assertThat(decision.grade()).isEqualTo(Grade.I);
        assertThat(decision.rule()).contains("需搬迁转移 1200 人 ≥ 1000 人", "国家突发地质灾害应急预案");
    }

    @Test
    void otherNaturalDisastersKeepTheMunicipalEvacuationBands() {
        assertThat(Grading.grade(IncidentType.FLOOD, evacuated(1_200)).grade()).isEqualTo(Grade.III);
        assertThat(Grading.grade(IncidentType.FLOOD, evacuated(999)).grade()).isEqualTo(Grade.IV);
    }
}
