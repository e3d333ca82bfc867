package org.yingji.monitoring;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;

@Tag(name = "监测预警 Monitoring")
@RestController
@RequestMapping("/api/monitoring/alarms")
@PreAuthorize("hasAuthority('monitoring:read')")
class AlarmController {

    private final Alarms alarms;
    private final AlarmAssignees assignees;

    AlarmController(Alarms alarms, AlarmAssignees assignees) {
        this.alarms = alarms;
        this.assignees = assignees;
    }

    record CommentRequest(@Size(max = 500) String comment) {
    }

    record RequiredComment(@NotBlank @Size(max = 500) String comment) {
    }

    record AssignRequest(@NotNull Long assigneeId, @Size(max = 500) String comment) {
    }

    @Operation(summary = "报警列表；state = RAISED/ACKNOWLEDGED/CLEARED/OPEN，level = BLUE…RED，assigneeId = 负责人")
    @GetMapping
    PageView<AlarmView> list(@RequestParam(required = false) String state, @RequestParam(required = false) String level,
                             @RequestParam(required = false) Long stationId, @RequestParam(required = false) String q,
                             @RequestParam(required = false) Long assigneeId,
                             @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return alarms.page(CurrentUser.get().scope(), new Alarms.AlarmFilter(state, level, stationId, q, assigneeId),
                PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    Alarms.AlarmDetail detail(@PathVariable long id) {
        return alarms.detail(CurrentUser.get(), id);
    }

    @PostMapping("/{id}/acknowledge")
    @PreAuthorize("hasAuthority('monitoring:handle')")
    AlarmView acknowledge(@PathVariable long id, @Valid @RequestBody(required = false) CommentRequest request) {
        return alarms.acknowledge(CurrentUser.get(), id, request == null ? null : request.comment());
    }

    @Operation(summary = "人工解除（须填写说明）")
    @PostMapping("/{id}/clear")
    @PreAuthorize("hasAuthority('monitoring:handle')")
    AlarmView clear(@PathVariable long id, @Valid @RequestBody RequiredComment request) {
        return alarms.clearByHand(CurrentUser.get(), id, request.comment());
    }

    @Operation(summary = "可指派的人：启用、有报警处置权限（monitoring:handle）且管辖报警所在区域的用户，按姓名搜索，最多 size 个（≤ 50）")
    @GetMapping("/{id}/assignees")
    @PreAuthorize("hasAuthority('monitoring:handle')")
    List<AlarmAssignees.Assignee> assignees(@PathVariable long id, @RequestParam(required = false) String q,
                                            @RequestParam(defaultValue = "20") int size) {
        AlarmView alarm = alarms.find(CurrentUser.get(), id);
        return assignees.candidates(alarm.regionCode(), q, size);
    }

    @PostMapping("/{id}/assign")
    @PreAuthorize("hasAuthority('monitoring:handle')")
    AlarmView assign(@PathVariable long id, @Valid @RequestBody AssignRequest request) {
        return alarms.assign(CurrentUser.get(), id, request.assigneeId(), request.comment());
    }

    @PostMapping("/{id}/comments")
    @PreAuthorize("hasAuthority('monitoring:handle')")
    AlarmView comment(@PathVariable long id, @Valid @RequestBody RequiredComment request) {
        return alarms.comment(CurrentUser.get(), id, request.comment());
    }
}
