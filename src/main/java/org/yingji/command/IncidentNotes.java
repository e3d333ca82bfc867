package org.yingji.command;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;

/** Notes and files (photos, scanned reports) added to an incident; both appear on the timeline. */
@Service
class IncidentNotes {

    static final int MAX_FILE_BYTES = 20 * 1024 * 1024;

    record FileView(long id, long incidentId, String fileName, String contentType, int sizeBytes, String uploadedBy,
                    Instant uploadedAt) {
    }

    record FileContent(String fileName, String contentType, byte[] data) {
    }

    private final JdbcClient jdbc;
    private final Incidents incidents;
    private final Timeline timeline;
    private final AuditLog audit;
    private final Clock clock;

    IncidentNotes(JdbcClient jdbc, Incidents incidents, Timeline timeline, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.timeline = timeline;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Timeline.Entry note(CurrentUser user, long incidentId, String text) {
        incidents.visibleRow(user, incidentId);
        if (!StringUtils.hasText(text)) {
            throw new ProblemException.InvalidField("text", "NotBlank", "不能为空");
        }
        Timeline.Entry entry = timeline.add(incidentId, Timeline.Kind.NOTE, "备注", text.strip(), null);
        audit.record("incident.note", "incident", incidentId, null, Map.of("text", text.strip()));
        return entry;
    }

    @Transactional
    FileView attach(CurrentUser user, long incidentId, String fileName, String contentType, byte[] data) {
        incidents.visibleRow(user, incidentId);
        if (data.length == 0) {
            throw new ProblemException.InvalidField("file", "NotEmpty", "文件为空");
        }
        if (data.length > MAX_FILE_BYTES) {
            throw new ProblemException.InvalidField("file", "Size", "文件不能超过 20 MB");
        }
        String name = StringUtils.hasText(fileName) ? fileName : "附件";
        long id = jdbc.sql("""
                        insert into incident_file (incident_id, file_name, content_type, size_bytes, data, uploaded_by, uploaded_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(incidentId, name, contentType == null ? "application/octet-stream" : contentType, data.length, data,
                        user.username(), Timestamp.from(clock.instant())).query(Long.class).single();
        FileView view = files(user, incidentId).stream().filter(f -> f.id() == id).findFirst().orElseThrow();
        timeline.add(incidentId, Timeline.Kind.FILE, "上传文件：" + name, null,
                "/api/command/incidents/" + incidentId + "/files/" + id);
        audit.record("incident.file", "incident_file", id, null, view);
        return view;
    }

    List<FileView> files(CurrentUser user, long incidentId) {
        incidents.visibleRow(user, incidentId);
        return jdbc.sql("""
                        select id, incident_id, file_name, content_type, size_bytes, uploaded_by, uploaded_at from incident_file
                        where incident_id = ? order by id""").param(incidentId).query(FileView.class).list();
    }

    FileContent file(CurrentUser user, long incidentId, long id) {
        incidents.visibleRow(user, incidentId);
        return jdbc.sql("select file_name, content_type, data from incident_file where incident_id = ? and id = ?")
                .params(incidentId, id).query(FileContent.class).optional()
                .orElseThrow(() -> new ProblemException.NotFound("文件", id));
    }
}
