package org.yingji.command;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;

@Tag(name = "值班值守 Duty")
@RestController
@RequestMapping("/api/command")
@PreAuthorize("hasAuthority('command:read')")
class DutyController {

    private final Duty duty;
    private final AlarmCandidates alarms;

    DutyController(Duty duty, AlarmCandidates alarms) {
        this.duty = duty;
        this.alarms = alarms;
    }

    record RosterRequest(LocalDate dutyDate, String shift, String personName, String phone, Boolean leader,
                         String regionCode) {
    }

    record LogRequest(String content) {
    }

    record DismissRequest(String reason) {
    }

    @GetMapping("/duty/roster")
    List<Duty.RosterEntry> roster(@RequestParam LocalDate from, @RequestParam LocalDate to) {
        if (to.isBefore(from) || from.plusDays(93).isBefore(to)) {
            throw new ProblemException.InvalidField("to", "Range", "结束日期须在开始日期之后且不超过 93 天");
        }
        return duty.roster(CurrentUser.get(), from, to);
    }

    @PostMapping("/duty/roster")
    @PreAuthorize("hasAuthority('duty:manage')")
    ResponseEntity<Duty.RosterEntry> addRoster(@RequestBody RosterRequest r) {
        return ResponseEntity.status(HttpStatus.CREATED).body(duty.addRoster(CurrentUser.get(), r.dutyDate(), r.shift(),
                r.personName(), r.phone(), Boolean.TRUE.equals(r.leader()), r.regionCode()));
    }

    @DeleteMapping("/duty/roster/{id}")
    @PreAuthorize("hasAuthority('duty:manage')")
    ResponseEntity<Void> removeRoster(@PathVariable long id) {
        duty.removeRoster(CurrentUser.get(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/duty/log")
    List<Duty.LogEntry> log(@RequestParam(defaultValue = "100") int limit) {
        return duty.log(CurrentUser.get(), Math.max(1, Math.min(limit, 500)));
    }

    @PostMapping("/duty/log")
    @PreAuthorize("hasAuthority('duty:manage')")
    ResponseEntity<Duty.LogEntry> write(@RequestBody LogRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(duty.write(CurrentUser.get(), request.content()));
    }

    @Operation(summary = "What the shift hands over: on duty today, open incidents, pending alarms, log since last "
            + "handover, and the snapshot a handover recorded now would hold")
    @GetMapping("/duty/handover")
    Duty.Handover handover() {
        return duty.handover(CurrentUser.get());
    }

    @Operation(summary = "Record the handover (with a note); the server stores a snapshot of open incidents, "
            + "unacknowledged alarms and overdue tasks with it")
    @PostMapping("/duty/handover")
    @PreAuthorize("hasAuthority('duty:manage')")
    ResponseEntity<Duty.HandoverRecord> handOver(@RequestBody LogRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(duty.handOver(CurrentUser.get(), request.content()));
    }

    @Operation(summary = "Handover history, newest first, each with the snapshot recorded at the time")
    @GetMapping("/duty/handovers")
    List<Duty.HandoverRecord> handovers(@RequestParam(defaultValue = "20") int limit) {
        return duty.handovers(CurrentUser.get(), Math.max(1, Math.min(limit, 200)));
    }

    @Operation(summary = "Alarms waiting for the duty officer, red first")
    @GetMapping("/alarms")
    List<AlarmCandidates.Candidate> pendingAlarms() {
        return alarms.pending(CurrentUser.get());
    }

    @Operation(summary = "Record an alarm notice (e.g. phoned in by a monitoring centre) for the duty screen")
    @PostMapping("/alarms")
    @PreAuthorize("hasAuthority('command:manage')")
    ResponseEntity<List<AlarmCandidates.Candidate>> record(@jakarta.validation.Valid @RequestBody IncidentController.AlarmIntakeRequest request) {
        CurrentUser user = CurrentUser.get();
        AlarmCandidates.Alarm alarm = request.alarm();
        alarms.requireInScope(user, alarm);
        alarms.record(alarm);
        return ResponseEntity.status(HttpStatus.CREATED).body(alarms.pending(user));
    }

    @Operation(summary = "One click: open an incident pre-filled from a pending alarm")
    @PostMapping("/alarms/{id}/open")
    @PreAuthorize("hasAuthority('command:manage')")
    ResponseEntity<IncidentView> openFromAlarm(@PathVariable long id) {
        CurrentUser user = CurrentUser.get();
        AlarmCandidates.Alarm alarm = alarms.alarm(user, id);
        return ResponseEntity.status(HttpStatus.CREATED).body(alarms.open(user, alarm, null));
    }

    @PostMapping("/alarms/{id}/dismiss")
    @PreAuthorize("hasAuthority('command:manage')")
    ResponseEntity<Void> dismiss(@PathVariable long id, @RequestBody DismissRequest request) {
        alarms.dismiss(CurrentUser.get(), id, request.reason());
        return ResponseEntity.noContent().build();
    }
}
