package org.yingji.command;

import java.util.List;

/**
 * A plan (预案) as structured data: the incident types it covers, its command organisation, and per response
 * level the start conditions and the action cards (处置卡) of each department with their time limits.
 */
record PlanContent(List<IncidentType> scope, String purpose, List<Organ> organisation, List<Level> levels) {

    /** One body of the command organisation, e.g. 指挥长 / 市防汛抗旱指挥部 and who it is. */
    record Organ(String role, String members) {
    }

    record Level(Grade level, String startConditions, List<Action> actions) {
    }

    /** One action card: what a department does, within how many minutes of activation. */
    record Action(String departmentCode, String departmentName, String action, int limitMinutes) {
    }

    Level level(Grade grade) {
        return levels.stream().filter(l -> l.level() == grade).findFirst().orElse(null);
    }
}
