package org.yingji.platform.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;

@Tag(name = "审计日志 Audit log")
@RestController
@RequestMapping("/api/audit")
@PreAuthorize("hasAuthority('audit:read')")
class AuditController {

    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Operation(summary = "Search the audit log, newest first")
    @GetMapping
    PageView<AuditEntry> search(@RequestParam(required = false) String actor,
                                @RequestParam(required = false) String action,
                                @RequestParam(required = false) String entityType,
                                @RequestParam(required = false) String entityId,
                                @RequestParam(required = false) Instant from,
                                @RequestParam(required = false) Instant to,
                                @RequestParam(required = false) Integer page,
                                @RequestParam(required = false) Integer size) {
        return auditLog.search(CurrentUser.get().scope(), new AuditQuery(actor, action, entityType, entityId, from, to), PageRequest.of(page, size));
    }

    @Operation(summary = "Verify the hash chain of the whole audit log")
    @GetMapping("/verify")
    ChainCheck verify() {
        return auditLog.verify();
    }
}
