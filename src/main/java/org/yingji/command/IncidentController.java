package org.yingji.command;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import org.yingji.platform.web.ProblemException;

@Tag(name = "应急指挥 Incident command")
@RestController
@RequestMapping("/api/command")
@PreAuthorize("hasAuthority('command:read')")
class IncidentController {

    private final Incidents incidents;
    private final LossReports lossReports;
    private final LossFigures lossFigures;
    private final Activations activations;
    private final Dispatches dispatches;
    private final Timeline timeline;
    private final IncidentWarnings warnings;
    private final IncidentNotes notes;
    private final AlarmCandidates alarms;
    private final Sitreps sitreps;
    private final Reviews reviews;

    IncidentController(Incidents incidents, LossReports lossReports, LossFigures lossFigures, Activations activations,
                       Dispatches dispatches, Timeline timeline, IncidentWarnings warnings, IncidentNotes notes,
                       AlarmCandidates alarms, Sitreps sitreps, Reviews reviews) {
        this.incidents = incidents;
        this.lossReports = lossReports;
        this.lossFigures = lossFigures;
        this.activations = activations;
        this.dispatches = dispatches;
        this.timeline = timeline;
        this.warnings = warnings;
        this.notes = notes;
        this.alarms = alarms;
        this.sitreps = sitreps;
        this.reviews = reviews;
    }

    record IntakeRequest(@NotBlank @Size(max = 200) String title, @NotNull IncidentType type,
                         @NotBlank String regionCode, @NotNull Double lon, @NotNull Double lat,
                         @Size(max = 200) String address, @NotNull Instant occurredAt,
                         @NotBlank @Size(max = 50) String reporter, String reporterPhone, @Size(max = 4000) String description,
                         String source, String sourceRef) {

        Incidents.Intake intake(Incidents.Source fallback) {
            Incidents.Source s = source == null ? fallback : parseSource(source);
            if (s == Incidents.Source.PUBLIC_REPORT && (sourceRef == null || sourceRef.isBlank())) {
                throw new ProblemException.InvalidField("sourceRef", "NotBlank", "群众报告须填写报告编号或来电记录");
            }
            if (reporterPhone != null && !reporterPhone.isBlank() && !reporterPhone.matches(FieldProblem.PHONE)) {
                throw new ProblemException.InvalidField("reporterPhone", "Pattern", "不是有效的手机或座机号码");
            }
            return new Incidents.Intake(title.strip(), type, s, sourceRef, regionCode, lon, lat, address, occurredAt,
                    reporter.strip(), reporterPhone, description);
        }

        private static Incidents.Source parseSource(String source) {
            try {
                return Incidents.Source.valueOf(source);
            } catch (IllegalArgumentException e) {
                throw new ProblemException.InvalidField("source", "incident.source", "来源须为 PHONE、ALARM 或 PUBLIC_REPORT");
            }
        }
    }

    /** An alarm as the duty officer has it (alarm notice or monitoring event), with optional intake overrides. */
    record AlarmIntakeRequest(@NotBlank String alarmId, @NotBlank String sensor, String sensorKind,
                              @NotBlank String level, String message, @NotBlank String regionCode,
                              @NotNull Double lon, @NotNull Double lat, @NotNull Instant raisedAt, IncidentType type,
                              String title) {

        AlarmCandidates.Alarm alarm() {
            if (!IncidentWarnings.LEVELS.contains(level)) {
                throw new ProblemException.InvalidField("level", "alarm.level", "报警级别须为 BLUE、YELLOW、ORANGE 或 RED");
            }
            return new AlarmCandidates.Alarm(alarmId, sensor, sensorKind, level, message, regionCode, lon, lat, raisedAt);
        }
    }

    record GradeOverride(@NotNull Grade grade, String reason) {
    }

    record ActivateRequest(@NotNull Long planId, @NotNull Grade level) {
    }

    record TaskRequest(String departmentName, String action, Instant deadline) {
    }

    record TaskUpdate(String status, String note) {
    }

    record TeamDispatch(@NotNull Long teamId) {
    }

    record SupplyDispatch(@NotNull Long warehouseId, @NotNull Long itemId, BigDecimal quantity) {
    }

    record OrderUpdate(@NotBlank String status, BigDecimal returnedQuantity) {
    }

    record TextRequest(String text) {
    }

    record CloseRequest(String summary) {
    }

    record ReviewRequest(String findings) {
    }

    record FollowUpRequest(String item, String departmentName, java.time.LocalDate dueDate) {
    }

    record FollowUpClose(String closingNote) {
    }

    record LossSummary(Losses total, List<LossFigures.RegionLosses> byCounty, List<LossFigures.RegionLosses> byTownship,
                       List<LossReports.ReportView> reports) {
    }

    /** Everything the command screen shows at first paint, in one call. */
    record Screen(IncidentView incident, Timeline.Page timeline, List<Activations.ActivationView> activations,
                  List<Activations.TaskView> tasks, List<Dispatches.OrderView> dispatches,
                  List<LossFigures.RegionLosses> lossesByCounty) {
    }

    // Intake and the incident ---------------------------------------------------------------------------

    @Operation(summary = "Incidents in my region, newest first")
    @GetMapping("/incidents")
    PageView<IncidentView> list(@RequestParam(required = false) String state,
                                @RequestParam(required = false) IncidentType type,
                                @RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
                                @RequestParam(required = false) Integer size) {
        return incidents.search(CurrentUser.get(), state, type, q, PageRequest.of(page, size));
    }

    @Operation(summary = "Incident types of GB/T 35561 with Chinese labels")
    @GetMapping("/incident-types")
    List<java.util.Map<String, String>> types() {
        return java.util.Arrays.stream(IncidentType.values()).map(t -> java.util.Map.of("code", t.name(), "label", t.label(),
                "category", t.category().name(), "categoryLabel", t.category().label())).toList();
    }

    @Operation(summary = "Open an incident by hand (phone call) or from a public report")
    @PostMapping("/incidents")
    @PreAuthorize("hasAuthority('command:manage')")
    ResponseEntity<IncidentView> open(@Valid @RequestBody IntakeRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(incidents.open(CurrentUser.get(), request.intake(Incidents.Source.PHONE)));
    }

    @Operation(summary = "Open an incident from a monitoring alarm, pre-filled from it")
    @PostMapping("/incidents/from-alarm")
    @PreAuthorize("hasAuthority('command:manage')")
    ResponseEntity<IncidentView> openFromAlarm(@Valid @RequestBody AlarmIntakeRequest request) {
        AlarmCandidates.Alarm alarm = request.alarm();
        Incidents.Intake prefilled = alarms.prefill(alarm);
        Incidents.Intake intake = new Incidents.Intake(request.title() == null ? prefilled.title() : request.title(),
                request.type() == null ? prefilled.type() : request.type(), prefilled.source(), prefilled.sourceRef(),
                prefilled.regionCode(), prefilled.lon(), prefilled.lat(), prefilled.address(), prefilled.occurredAt(),
                prefilled.reporter(), null, prefilled.description());
        return ResponseEntity.status(HttpStatus.CREATED).body(alarms.open(CurrentUser.get(), alarm, intake));
    }

    @Operation(summary = "The command screen's data in one call")
    @GetMapping("/incidents/{id}/screen")
    Screen screen(@PathVariable long id) {
        CurrentUser user = CurrentUser.get();
        return new Screen(incidents.get(user, id), timeline.page(id, null, 50), activations.of(id),
                activations.tasks(user, id, null), dispatches.orders(user, id), lossFigures.byRegion(id, true));
    }

    @GetMapping("/incidents/{id}")
    IncidentView get(@PathVariable long id) {
        return incidents.get(CurrentUser.get(), id);
    }

    @Operation(summary = "Override the computed grade, with a reason (audited)")
    @PostMapping("/incidents/{id}/grade")
    @PreAuthorize("hasAuthority('command:grade')")
    IncidentView overrideGrade(@PathVariable long id, @Valid @RequestBody GradeOverride request) {
        return incidents.overrideGrade(CurrentUser.get(), id, request.grade(), request.reason());
    }

    @Operation(summary = "End the response")
    @PostMapping("/incidents/{id}/close")
    @PreAuthorize("hasAuthority('command:manage')")
    IncidentView close(@PathVariable long id, @RequestBody CloseRequest request) {
        return incidents.close(CurrentUser.get(), id, request.summary());
    }

    // Loss reports ----------------------------------------------------------------------------------------

    @Operation(summary = "Loss figures in force (by county and township) and every report")
    @GetMapping("/incidents/{id}/losses")
    LossSummary losses(@PathVariable long id) {
        List<LossReports.ReportView> reports = lossReports.of(CurrentUser.get(), id);
        return new LossSummary(lossFigures.total(id), lossFigures.byRegion(id, true), lossFigures.byRegion(id, false), reports);
    }

    @Operation(summary = "Submit a loss report 首报/续报/核报 for a township")
    @PostMapping("/incidents/{id}/loss-reports")
    @PreAuthorize("hasAuthority('command:report')")
    ResponseEntity<LossReports.ReportView> report(@PathVariable long id, @RequestBody LossReports.Submission request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(lossReports.submit(CurrentUser.get(), id, request));
    }

    // Plans, activation, tasks ------------------------------------------------------------------------------

    @Operation(summary = "Plans covering the incident's type with the suggested response level")
    @GetMapping("/incidents/{id}/plan-suggestions")
    List<Activations.Suggestion> suggestions(@PathVariable long id) {
        return activations.suggestions(CurrentUser.get(), id);
    }

    @GetMapping("/incidents/{id}/activations")
    List<Activations.ActivationView> activationsOf(@PathVariable long id) {
        incidents.get(CurrentUser.get(), id);
        return activations.of(id);
    }

    @Operation(summary = "Activate a plan at a level, or change the level of an active plan")
    @PostMapping("/incidents/{id}/activations")
    @PreAuthorize("hasAuthority('command:manage')")
    ResponseEntity<Activations.ActivationView> activate(@PathVariable long id, @Valid @RequestBody ActivateRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(activations.activate(CurrentUser.get(), id, request.planId(), request.level()));
    }

    @Operation(summary = "Task board: tasks per department (optionally one department)")
    @GetMapping("/incidents/{id}/tasks")
    List<Activations.TaskView> tasks(@PathVariable long id, @RequestParam(required = false) String department) {
        return activations.tasks(CurrentUser.get(), id, department);
    }

    @PostMapping("/incidents/{id}/tasks")
    @PreAuthorize("hasAuthority('command:manage')")
    ResponseEntity<Activations.TaskView> addTask(@PathVariable long id, @RequestBody TaskRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(activations.addTask(CurrentUser.get(), id,
                request.departmentName(), request.action(), request.deadline()));
    }

    @Operation(summary = "Change a task's status or note")
    @PutMapping("/incidents/{id}/tasks/{taskId}")
    @PreAuthorize("hasAuthority('command:task')")
    Activations.TaskView updateTask(@PathVariable long id, @PathVariable long taskId, @RequestBody TaskUpdate request) {
        return activations.updateTask(CurrentUser.get(), id, taskId, request.status(), request.note());
    }

    // Dispatch ------------------------------------------------------------------------------------------------

    @Operation(summary = "Recommended teams: specialty fit, then travel time")
    @GetMapping("/incidents/{id}/team-recommendations")
    List<Dispatches.TeamCandidate> recommendTeams(@PathVariable long id, @RequestParam(defaultValue = "10") int limit) {
        return dispatches.recommendTeams(CurrentUser.get(), id, Math.max(1, Math.min(limit, Dispatches.CANDIDATES)));
    }

    @Operation(summary = "Warehouses holding a supply, nearest by travel time")
    @GetMapping("/incidents/{id}/supply-recommendations")
    List<Dispatches.SupplyCandidate> recommendSupplies(@PathVariable long id, @RequestParam long itemId,
                                                       @RequestParam(required = false) BigDecimal quantity) {
        return dispatches.recommendSupplies(CurrentUser.get(), id, itemId, quantity);
    }

    @GetMapping("/incidents/{id}/dispatches")
    List<Dispatches.OrderView> orders(@PathVariable long id) {
        return dispatches.orders(CurrentUser.get(), id);
    }

    @Operation(summary = "Dispatch a team (409 when it is already deployed)")
    @PostMapping("/incidents/{id}/dispatches/team")
    @PreAuthorize("hasAuthority('command:dispatch')")
    ResponseEntity<Dispatches.OrderView> dispatchTeam(@PathVariable long id, @Valid @RequestBody TeamDispatch request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(dispatches.dispatchTeam(CurrentUser.get(), id, request.teamId()));
    }

    @Operation(summary = "Dispatch supplies from a warehouse (reduces its stock)")
    @PostMapping("/incidents/{id}/dispatches/supply")
    @PreAuthorize("hasAuthority('command:dispatch')")
    ResponseEntity<Dispatches.OrderView> dispatchSupply(@PathVariable long id, @Valid @RequestBody SupplyDispatch request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(dispatches.dispatchSupply(CurrentUser.get(), id,
                request.warehouseId(), request.itemId(), request.quantity()));
    }

    @Operation(summary = "Move a dispatch order on: EN_ROUTE, ON_SCENE, RETURNED")
    @PutMapping("/incidents/{id}/dispatches/{orderId}")
    @PreAuthorize("hasAuthority('command:dispatch')")
    Dispatches.OrderView advance(@PathVariable long id, @PathVariable long orderId, @Valid @RequestBody OrderUpdate request) {
        return dispatches.advance(CurrentUser.get(), id, orderId, request.status(), request.returnedQuantity());
    }

    // Timeline, warnings, notes, files, sitrep -------------------------------------------------------------

    @Operation(summary = "Timeline, newest first; pass nextBefore as before for the next page")
    @GetMapping("/incidents/{id}/timeline")
    Timeline.Page timeline(@PathVariable long id, @RequestParam(required = false) Long before,
                           @RequestParam(required = false) Integer size) {
        incidents.visibleRow(CurrentUser.get(), id);
        return timeline.page(id, before, PageRequest.of(0, size == null ? 50 : size).size());
    }

    @Operation(summary = "Live timeline (SSE): event 'timeline' per new entry")
    @GetMapping(value = "/incidents/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable long id) {
        incidents.visibleRow(CurrentUser.get(), id);
        return timeline.open(id);
    }

    @GetMapping("/incidents/{id}/warning-draft")
    IncidentWarnings.WarningRequest warningDraft(@PathVariable long id) {
        return warnings.prefill(CurrentUser.get(), id);
    }

    @Operation(summary = "Issue a warning from the incident (pre-filled; recorded on the timeline)")
    @PostMapping("/incidents/{id}/warnings")
    @PreAuthorize("hasAuthority('command:manage')")
    ResponseEntity<IncidentWarnings.IssuedWarning> warn(@PathVariable long id,
                                                        @RequestBody IncidentWarnings.WarningRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(warnings.issue(CurrentUser.get(), id, request));
    }

    @PostMapping("/incidents/{id}/notes")
    @PreAuthorize("hasAuthority('command:manage')")
    ResponseEntity<Timeline.Entry> note(@PathVariable long id, @RequestBody TextRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(notes.note(CurrentUser.get(), id, request.text()));
    }

    @GetMapping("/incidents/{id}/files")
    List<IncidentNotes.FileView> files(@PathVariable long id) {
        return notes.files(CurrentUser.get(), id);
    }

    @PostMapping("/incidents/{id}/files")
    @PreAuthorize("hasAuthority('command:manage')")
    ResponseEntity<IncidentNotes.FileView> upload(@PathVariable long id, @RequestPart("file") MultipartFile file)
            throws IOException {
        return ResponseEntity.status(HttpStatus.CREATED).body(notes.attach(CurrentUser.get(), id,
                file.getOriginalFilename(), file.getContentType(), file.getBytes()));
    }

    @GetMapping("/incidents/{id}/files/{fileId}")
    ResponseEntity<byte[]> file(@PathVariable long id, @PathVariable long fileId) {
        IncidentNotes.FileContent f = notes.file(CurrentUser.get(), id, fileId);
        return download(f.data(), f.fileName(), f.contentType());
    }

    @Operation(summary = "Situation report as PDF (Chinese, font embedded)")
    @GetMapping("/incidents/{id}/sitrep.pdf")
    ResponseEntity<byte[]> sitrepPdf(@PathVariable long id) {
        return download(sitreps.sitrep(CurrentUser.get(), id, true), "情况报告-" + id + ".pdf", "application/pdf");
    }

    @Operation(summary = "Situation report as Word")
    @GetMapping("/incidents/{id}/sitrep.docx")
    ResponseEntity<byte[]> sitrepDocx(@PathVariable long id) {
        return download(sitreps.sitrep(CurrentUser.get(), id, false), "情况报告-" + id + ".docx", DOCX);
    }

    // Close-out -------------------------------------------------------------------------------------------------

    @GetMapping("/incidents/{id}/review")
    Reviews.ReviewView review(@PathVariable long id) {
        return reviews.get(CurrentUser.get(), id);
    }

    @PutMapping("/incidents/{id}/review")
    @PreAuthorize("hasAuthority('command:manage')")
    Reviews.ReviewView writeReview(@PathVariable long id, @RequestBody ReviewRequest request) {
        return reviews.review(CurrentUser.get(), id, request.findings());
    }

    @PostMapping("/incidents/{id}/follow-ups")
    @PreAuthorize("hasAuthority('command:manage')")
    ResponseEntity<Reviews.FollowUp> addFollowUp(@PathVariable long id, @RequestBody FollowUpRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(reviews.addFollowUp(CurrentUser.get(), id, request.item(),
                request.departmentName(), request.dueDate()));
    }

    @PostMapping("/incidents/{id}/follow-ups/{itemId}/close")
    @PreAuthorize("hasAuthority('command:task')")
    Reviews.FollowUp closeFollowUp(@PathVariable long id, @PathVariable long itemId, @RequestBody FollowUpClose request) {
        return reviews.closeFollowUp(CurrentUser.get(), id, itemId, request.closingNote());
    }

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    static ResponseEntity<byte[]> download(byte[] data, String fileName, String contentType) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName, StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(contentType)).body(data);
    }
}
