package org.yingji.command;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
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

@Tag(name = "应急预案 Plans")
@RestController
@RequestMapping("/api/command/plans")
@PreAuthorize("hasAuthority('command:read')")
class PlanController {

    private final Plans plans;
    private final Sitreps documents;

    PlanController(Plans plans, Sitreps documents) {
        this.plans = plans;
        this.documents = documents;
    }

    record PlanRequest(String code, String name, Plans.Kind kind, PlanContent content) {
    }

    @Operation(summary = "Plans in force; with ?archived=true the archived ones too")
    @GetMapping
    List<Plans.PlanView> list(@RequestParam(defaultValue = "false") boolean archived) {
        return plans.list(archived);
    }

    @Operation(summary = "A plan, current version or ?version=n")
    @GetMapping("/{id}")
    Plans.PlanView get(@PathVariable long id, @RequestParam(required = false) Integer version) {
        return plans.version(id, version);
    }

    @GetMapping("/{id}/versions")
    List<Plans.VersionSummary> versions(@PathVariable long id) {
        return plans.versions(id);
    }

    @PostMapping
    @PreAuthorize("hasAuthority('plan:manage')")
    ResponseEntity<Plans.PlanView> create(@RequestBody PlanRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(plans.create(request.code(), request.name(), request.kind(), request.content()));
    }

    @Operation(summary = "Publish a new version (the old ones stay readable)")
    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('plan:manage')")
    Plans.PlanView publish(@PathVariable long id, @RequestBody PlanRequest request) {
        return plans.publish(id, request.name(), request.content());
    }

    @Operation(summary = "Retire the plan: no longer suggested nor activatable, still readable with its versions")
    @PostMapping("/{id}/archive")
    @PreAuthorize("hasAuthority('plan:manage')")
    Plans.PlanView archive(@PathVariable long id) {
        return plans.archive(id, true);
    }

    @PostMapping("/{id}/restore")
    @PreAuthorize("hasAuthority('plan:manage')")
    Plans.PlanView restore(@PathVariable long id) {
        return plans.archive(id, false);
    }

    @Operation(summary = "Delete a plan that no incident ever activated (409 conflict.plan-activated otherwise)")
    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('plan:manage')")
    ResponseEntity<Void> delete(@PathVariable long id) {
        plans.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/attachments")
    List<Plans.AttachmentView> attachments(@PathVariable long id) {
        return plans.attachments(id);
    }

    @PostMapping("/{id}/attachments")
    @PreAuthorize("hasAuthority('plan:manage')")
    ResponseEntity<Plans.AttachmentView> attach(@PathVariable long id, @RequestPart("file") MultipartFile file)
            throws IOException {
        return ResponseEntity.status(HttpStatus.CREATED).body(plans.attach(id,
                file.getOriginalFilename() == null ? "附件" : file.getOriginalFilename(),
                file.getContentType() == null ? "application/octet-stream" : file.getContentType(), file.getBytes()));
    }

    @GetMapping("/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> attachment(@PathVariable long id, @PathVariable long attachmentId) {
        Plans.Attachment a = plans.attachment(id, attachmentId);
        return IncidentController.download(a.data(), a.fileName(), a.contentType());
    }

    @Operation(summary = "Export as Word")
    @GetMapping("/{id}/export.docx")
    ResponseEntity<byte[]> docx(@PathVariable long id, @RequestParam(required = false) Integer version) {
        Plans.PlanView plan = plans.version(id, version);
        return IncidentController.download(documents.plan(plan, false), plan.name() + ".docx", IncidentController.DOCX);
    }

    @Operation(summary = "Export as PDF (Chinese font embedded)")
    @GetMapping("/{id}/export.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long id, @RequestParam(required = false) Integer version) {
        Plans.PlanView plan = plans.version(id, version);
        return IncidentController.download(documents.plan(plan, true), plan.name() + ".pdf", "application/pdf");
    }
}
