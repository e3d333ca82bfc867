package org.yingji.command;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;
import org.yingji.warning.EventType;
import org.yingji.warning.WarningDraft;
import org.yingji.warning.WarningLevel;
import org.yingji.warning.WarningView;
import org.yingji.warning.Warnings;

/**
 * "Issue a warning from the incident": a warning drafted in the warning module, pre-filled from the incident (event
 * type, place, level from the grade), then approved and published there by the second person the warning workflow
 * requires; the draft is recorded on the incident's timeline with a link to it.
 */
@Service
class IncidentWarnings {

    static final String INSTRUCTION = "请相关区域群众远离危险区域，服从现场指挥和疏散安排，及时转移避险。";
    static final List<String> LEVELS = List.of("BLUE", "YELLOW", "ORANGE", "RED");
    static final Map<String, String> LEVEL_LABELS = Map.of("BLUE", "蓝色", "YELLOW", "黄色", "ORANGE", "橙色", "RED", "红色");

    record WarningRequest(String level, String headline, String description, String instruction) {
    }

    record IssuedWarning(long incidentId, long warningId, String identifier, String state, String level,
                         String headline, String description, String link, long timelineEntryId) {
    }

    /** The warning module's event type for an incident type. */
    static final Map<IncidentType, EventType> EVENT_TYPES = Map.of(
            IncidentType.FLOOD, EventType.FLOOD, IncidentType.METEOROLOGICAL, EventType.RAINSTORM,
            IncidentType.GEOLOGICAL, EventType.GEOLOGICAL_HAZARD, IncidentType.EARTHQUAKE, EventType.EARTHQUAKE,
            IncidentType.FOREST_FIRE, EventType.FOREST_FIRE, IncidentType.HAZARDOUS_CHEMICALS, EventType.HAZARDOUS_CHEMICAL,
            IncidentType.GAS, EventType.HAZARDOUS_CHEMICAL, IncidentType.DROUGHT, EventType.HIGH_TEMPERATURE);

    private final Incidents incidents;
    private final Warnings warnings;
    private final Timeline timeline;
    private final AuditLog audit;

    IncidentWarnings(Incidents incidents, Warnings warnings, Timeline timeline, AuditLog audit) {
        this.incidents = incidents;
        this.warnings = warnings;
        this.timeline = timeline;
        this.audit = audit;
    }

    /** The pre-filled form: headline and text from the incident. */
    WarningRequest prefill(CurrentUser user, long incidentId) {
        IncidentView i = incidents.get(user, incidentId);
        String level = i.grade() == null ? "BLUE" : LEVELS.get(3 - i.grade().ordinal());
        return new WarningRequest(level, i.regionName() + i.typeLabel() + LEVEL_LABELS.get(level) + "预警",
                "%s%s发生%s（%s）。".formatted(i.regionName(), i.address() == null ? "" : i.address(), i.title(),
                        i.typeLabel()), INSTRUCTION);
    }

    @Transactional
    IssuedWarning issue(CurrentUser user, long incidentId, WarningRequest request) {
        Incidents.Row incident = incidents.active(user, incidentId);
        if (request.level() == null || !LEVELS.contains(request.level())) {
            throw new ProblemException.InvalidField("level", "warning.level", "预警级别须为 BLUE、YELLOW、ORANGE 或 RED");
        }
        if (!StringUtils.hasText(request.headline())) {
            throw new ProblemException.InvalidField("headline", "NotBlank", "不能为空");
        }
        IncidentType type = IncidentType.valueOf(incident.type());
        WarningView warning = warnings.draft(user, new WarningDraft(EVENT_TYPES.getOrDefault(type, EventType.OTHER),
                WarningLevel.valueOf(request.level()), request.headline().strip(), request.description(),
                request.instruction() == null || request.instruction().isBlank() ? INSTRUCTION : request.instruction(), null, null,
                null, null, List.of(incident.regionCode()), "ALARM".equals(incident.source()) ? incident.sourceRef() : null));
        String link = "/api/warnings/" + warning.id();
        Timeline.Entry entry = timeline.add(incidentId, Timeline.Kind.WARNING,
                "发布" + LEVEL_LABELS.get(request.level()) + "预警：" + request.headline().strip(),
                "预警单 " + warning.identifier() + " 已起草，待审核后发布；" + (request.description() == null ? "" : request.description()),
                link);
        IssuedWarning issued = new IssuedWarning(incidentId, warning.id(), warning.identifier(), warning.state().name(),
                request.level(), request.headline().strip(), request.description(), link, entry.id());
        audit.record("incident.warning", "incident", incidentId, null, issued);
        return issued;
    }
}
