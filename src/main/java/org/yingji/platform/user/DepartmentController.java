package org.yingji.platform.user;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yingji.platform.audit.AuditLog;
import org.yingji.platform.region.Regions;
import org.yingji.platform.security.CurrentUser;

@Tag(name = "部门 Departments")
@RestController
@RequestMapping("/api/departments")
class DepartmentController {

    private final Departments departments;
    private final Regions regions;
    private final AuditLog audit;

    DepartmentController(Departments departments, Regions regions, AuditLog audit) {
        this.departments = departments;
        this.regions = regions;
        this.audit = audit;
    }

    record CreateDepartmentRequest(
            @NotBlank @Pattern(regexp = "^[A-Za-z0-9_-]{2,40}$", message = "2-40 位字母、数字、_ -") String code,
            @NotBlank @Size(max = 100) String name,
            @NotBlank String regionCode) {
    }

    @Operation(summary = "Departments of my region subtree and above it")
    @GetMapping
    List<Department> list() {
        CurrentUser user = CurrentUser.get();
        return departments.visibleTo(user.scope(), regions.ancestorsOf(user.regionCode()));
    }

    @Operation(summary = "Create a department")
    @PreAuthorize("hasAuthority('department:manage')")
    @PostMapping
    @Transactional
    public ResponseEntity<Department> create(@Valid @RequestBody CreateDepartmentRequest request) {
        CurrentUser user = CurrentUser.get();
        regions.requireInScope("regionCode", request.regionCode(), user.scope());
        long id = departments.insert(request.code().strip(), request.name().strip(), request.regionCode());
        Department created = departments.findById(id).orElseThrow();
        audit.record("department.create", "department", id, null, created);
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }
}
