package org.yingji.command;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;

/**
 * "Issue a warning from the incident": a warning pre-filled from the incident (type, place, grade), recorded on the
 * timeline with a link to it.
 */
@Service
class IncidentWarnings {

    static final List<String> LEVELS = List.of("BLUE", "YELLOW", "ORANGE", "RED");
    static final Map<String, String> LEVEL_LABELS = Map.of("BLUE", "蓝色", "YELLOW", "黄色", "ORANGE", "橙色", "RED", "红色");

    record WarningRequest(String level, String headline, String description) {
    }

    record IssuedWarning(long incidentId, String level, String headline, String description, String link,
                         long timelineEntryId) {
    }

    private final Incidents incidents;
    private final Timeline timeline;
    private final AuditLog audit;

    IncidentWarnings(Incidents incidents, Timeline timeline, AuditLog audit) {
        this.incidents = incidents;
        this.timeline = timeline;
        this.audit = audit;
    }

    /** The pre-filled form: headline and text from the incident. */
    WarningRequest prefill(CurrentUser user, long incidentId) {
        IncidentView i = incidents.get(user, incidentId);
        String level = i.grade() == null ? "BLUE" : LEVELS.get(3 - i.grade().ordinal());
        return new WarningRequest(level, i.regionName() + i.typeLabel() + LEVEL_LABELS.get(level) + "预警",
                "%s%s发生%s，请相关区域群众注意防范，服从现场指挥，及时避险转移。".formatted(i.regionName(),
                        i.address() == null ? "" : i.address(), i.title()));
    }

    @Transactional
    IssuedWarning issue(CurrentUser user, long incidentId, WarningRequest request) {
        incidents.active(user, incidentId);
        if (request.level() == null || !LEVELS.contains(request.level())) {
            throw new ProblemException.InvalidField("level", "warning.level", "预警级别须为 BLUE、YELLOW、ORANGE 或 RED");
        }
        if (!StringUtils.hasText(request.headline())) {
            throw new ProblemException.InvalidField("headline", "NotBlank", "不能为空");
        }
        String link = "/command/incidents/" + incidentId + "#warnings";
        Timeline.Entry entry = timeline.add(incidentId, Timeline.Kind.WARNING,
                "发布" + LEVEL_LABELS.get(request.level()) + "预警：" + request.headline().strip(),
                request.description(), link);
        IssuedWarning issued = new IssuedWarning(incidentId, request.level(), request.headline().strip(),
                request.description(), link, entry.id());
        audit.record("incident.warning", "incident", incidentId, null, issued);
        return issued;
    }
}
