package org.yingji.warning;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RestController;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import tools.jackson.databind.JsonNode;

@Tag(name = "预警发布 Public warnings")
@RestController
@RequestMapping("/api/warnings")
@PreAuthorize("hasAuthority('warning:read')")
class WarningController {

    private final Warnings warnings;
    private final Coverage coverage;
    private final CapImport capImport;
    private final CapDocuments cap;

    WarningController(Warnings warnings, Coverage coverage, CapImport capImport, CapDocuments cap) {
        this.warnings = warnings;
        this.coverage = coverage;
        this.capImport = capImport;
        this.cap = cap;
    }

    /** The form; every field optional here so that one 400 lists every problem at once. */
    record WarningRequest(EventType eventType, WarningLevel level, String headline, String description,
                          String instruction, String senderDepartment, Instant effectiveAt, Instant expiresAt,
                          JsonNode area, List<String> regionCodes, String sourceAlarmId) {

        WarningDraft draft() {
            return new WarningDraft(eventType, level, headline, description, instruction, senderDepartment,
                    effectiveAt, expiresAt, area, regionCodes, sourceAlarmId);
        }
    }

    record ReasonRequest(String reason) {
    }

    @Operation(summary = "预警列表（筛选、分页）")
    @GetMapping
    PageView<WarningView> list(@RequestParam(required = false) WarningState state,
                               @RequestParam(required = false) WarningLevel level,
                               @RequestParam(required = false) EventType eventType,
                               @RequestParam(required = false) String q,
                               @RequestParam(required = false) Integer page,
                               @RequestParam(required = false) Integer size) {
        return warnings.list(CurrentUser.get(), new Warnings.WarningFilter(state, level, eventType, q),
                PageRequest.of(page, size));
    }

    @GetMapping("/{id}")
    WarningView get(@PathVariable long id) {
        return warnings.get(CurrentUser.get(), id);
    }

    @Operation(summary = "起草预警（可由告警预填：sourceAlarmId）")
    @PostMapping
    @PreAuthorize("hasAuthority('warning:draft')")
    ResponseEntity<WarningView> draft(@RequestBody WarningRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(warnings.draft(CurrentUser.get(), request.draft()));
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('warning:draft')")
    WarningView edit(@PathVariable long id, @RequestBody WarningRequest request) {
        return warnings.edit(CurrentUser.get(), id, request.draft());
    }

    @PostMapping("/{id}/submit")
    @PreAuthorize("hasAuthority('warning:draft')")
    WarningView submit(@PathVariable long id) {
        return warnings.submit(CurrentUser.get(), id);
    }

    @Operation(summary = "审核通过（审核人不能是起草人）")
    @PostMapping("/{id}/approve")
    @PreAuthorize("hasAuthority('warning:approve')")
    WarningView approve(@PathVariable long id) {
        return warnings.approve(CurrentUser.get(), id);
    }

    @PostMapping("/{id}/reject")
    @PreAuthorize("hasAuthority('warning:approve')")
    WarningView reject(@PathVariable long id, @RequestBody ReasonRequest request) {
        return warnings.reject(CurrentUser.get(), id, request.reason());
    }

    @Operation(summary = "发布（须已审核）：生成 CAP 1.2 并通过各渠道发送")
    @PostMapping("/{id}/publish")
    @PreAuthorize("hasAuthority('warning:publish')")
    WarningView publish(@PathVariable long id) {
        return warnings.publish(CurrentUser.get(), id);
    }

    @Operation(summary = "变更已发布的预警：提交审核（审核通过后再发布 CAP Update）")
    @PostMapping("/{id}/update")
    @PreAuthorize("hasAuthority('warning:draft')")
    WarningView update(@PathVariable long id, @RequestBody WarningRequest request) {
        return warnings.proposeUpdate(CurrentUser.get(), id, request.draft());
    }

    @Operation(summary = "审核预警变更（审核人不能是变更起草人）")
    @PostMapping("/{id}/update/approve")
    @PreAuthorize("hasAuthority('warning:approve')")
    WarningView approveUpdate(@PathVariable long id) {
        return warnings.approveUpdate(CurrentUser.get(), id);
    }

    @PostMapping("/{id}/update/reject")
    @PreAuthorize("hasAuthority('warning:approve')")
    WarningView rejectUpdate(@PathVariable long id, @RequestBody ReasonRequest request) {
        return warnings.rejectUpdate(CurrentUser.get(), id, request.reason());
    }

    @Operation(summary = "发布已审核的预警变更（CAP Update）")
    @PostMapping("/{id}/update/publish")
    @PreAuthorize("hasAuthority('warning:publish')")
    WarningView publishUpdate(@PathVariable long id) {
        return warnings.publishUpdate(CurrentUser.get(), id);
    }

    @Operation(summary = "解除预警（已发布的发送 CAP Cancel）")
    @PostMapping("/{id}/cancel")
    @PreAuthorize("hasAuthority('warning:publish')")
    WarningView cancel(@PathVariable long id, @RequestBody(required = false) ReasonRequest request) {
        return warnings.cancel(CurrentUser.get(), id, request == null ? null : request.reason());
    }

    @Operation(summary = "覆盖率：区域内人口、已送达人口、按区县和乡镇")
    @GetMapping("/{id}/coverage")
    Coverage.Report coverage(@PathVariable long id) {
        return coverage.of(warnings.get(CurrentUser.get(), id));
    }

    @Operation(summary = "发送进度：目标人数和各阶段耗时（targeting_ms、handoff_ms、persisted_ms）")
    @GetMapping("/{id}/dispatch")
    Map<String, Object> dispatch(@PathVariable long id) {
        return coverage.dispatch(warnings.get(CurrentUser.get(), id));
    }

    @Operation(summary = "回执（每个接收对象每个渠道一条：QUEUED / SENT / DELIVERED / FAILED）")
    @GetMapping("/{id}/receipts")
    Map<String, Object> receipts(@PathVariable long id, @RequestParam(required = false) String channel,
                                 @RequestParam(required = false) String status,
                                 @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        WarningView warning = warnings.get(CurrentUser.get(), id);
        PageRequest paging = PageRequest.of(page, size);
        return Map.of("channels", coverage.channels(id, warning.revision()),
                "items", coverage.receipts(id, warning.revision(), channel == null ? "" : channel,
                        status == null ? "" : status, paging.size(), paging.offset()),
                "page", paging.page(), "size", paging.size());
    }

    @Operation(summary = "CAP 1.2 文档（含未公开的预警，供审核预览）")
    @GetMapping(value = "/{id}/cap", produces = MediaType.APPLICATION_XML_VALUE)
    String capPreview(@PathVariable long id) {
        WarningView w = warnings.get(CurrentUser.get(), id);
        return cap.write(w.sentAt() == null ? withSent(w) : w);
    }

    @Operation(summary = "导入外部 CAP 1.2 预警（不合法时列出全部问题）")
    @PostMapping(value = "/cap", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            "application/cap+xml"})
    @PreAuthorize("hasAuthority('warning:publish')")
    ResponseEntity<WarningView> importCap(@RequestBody byte[] document) {
        return ResponseEntity.status(HttpStatus.CREATED).body(capImport.importAlert(CurrentUser.get(), document));
    }

    @Operation(summary = "校验 CAP 1.2 文档，返回全部问题（不导入）")
    @PostMapping(value = "/cap/validate", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            "application/cap+xml"})
    Map<String, Object> validateCap(@RequestBody byte[] document) {
        List<CapDocuments.Violation> violations = capImport.check(new String(document, StandardCharsets.UTF_8));
        return Map.of("valid", violations.isEmpty(), "violations", CapImport.problems(violations));
    }

    private static WarningView withSent(WarningView w) {
        return new WarningView(w.id(), w.identifier(), w.state(), w.eventType(), w.eventLabel(), w.level(),
                w.levelLabel(), w.headline(), w.description(), w.instruction(), w.senderDepartment(),
                w.effectiveAt(), w.expiresAt(), w.area(), w.regionCodes(), w.regionCode(), w.sourceAlarmId(),
                w.draftedBy(), w.draftedByName(), w.submittedAt(), w.approvedBy(), w.approvedByName(),
                w.approvedAt(), w.publishedAt(), w.msgType(), w.revision(), Instant.now(), w.previousSentAt(),
                w.cancelledAt(), w.importedFrom(), w.createdAt(), w.updatedAt(), w.pendingUpdate());
    }
}
