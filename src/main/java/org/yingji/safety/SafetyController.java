package org.yingji.safety;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import org.yingji.platform.web.ProblemException;

@Tag(name = "安全生产 Safety production")
@RestController
@RequestMapping("/api/safety")
@PreAuthorize("hasAuthority('safety:read')")
class SafetyController {

    static final String PHONE = FieldProblem.PHONE;

    private final EnterpriseRegistry registry;
    private final HazardRectification hazards;
    private final SafetyDashboard dashboard;
    private final EnterpriseImport enterpriseImport;

    SafetyController(EnterpriseRegistry registry, HazardRectification hazards, SafetyDashboard dashboard,
                     EnterpriseImport enterpriseImport) {
        this.registry = registry;
        this.hazards = hazards;
        this.dashboard = dashboard;
        this.enterpriseImport = enterpriseImport;
    }

    record EnterpriseRequest(
            @NotBlank String creditCode,
            @NotBlank @Size(max = 100) String name,
            @NotNull Industry industry,
            @NotBlank @Pattern(regexp = "LARGE|MEDIUM|SMALL|MICRO", message = "须为 LARGE、MEDIUM、SMALL 或 MICRO") String scale,
            @Size(max = 100) String park,
            @NotBlank String regionCode,
            @NotNull Double lon,
            @NotNull Double lat,
            @NotBlank @Size(max = 50) String legalRepresentative,
            @NotBlank @Size(max = 50) String safetyManager,
            @NotBlank @Pattern(regexp = PHONE, message = "不是有效的手机或座机号码") String safetyManagerPhone,
            List<Map<String, Object>> licences) {

        Enterprises.Fields fields() {
            return new Enterprises.Fields(CreditCode.of(creditCode), name.strip(), industry, scale,
                    park == null || park.isBlank() ? null : park.strip(), regionCode, lon, lat,
                    legalRepresentative.strip(), safetyManager.strip(), safetyManagerPhone.strip(),
                    licences == null ? List.of() : licences);
        }
    }

    record ConfirmRequest(String grade, Instant deadline) {
    }

    record ListingRequest(String level, Long departmentId, Instant deadline) {
    }

    record NoteRequest(String note) {
    }

    record RejectRequest(String reason) {
    }

    // Enterprises ----------------------------------------------------------------------------------------

    @Operation(summary = "Enterprises I may see (an enterprise user: only their own)")
    @GetMapping("/enterprises")
    PageView<EnterpriseView> enterprises(@RequestParam(required = false) String q,
                                         @RequestParam(required = false) Industry industry,
                                         @RequestParam(required = false) String regionCode,
                                         @RequestParam(required = false) RiskLevel riskLevel,
                                         @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        return registry.search(CurrentUser.get(), q, industry, regionCode, riskLevel, PageRequest.of(page, size));
    }

    @Operation(summary = "One enterprise")
    @GetMapping("/enterprises/{id}")
    EnterpriseView enterprise(@PathVariable long id) {
        return registry.get(CurrentUser.get(), id);
    }

    @Operation(summary = "Register an enterprise (regulators)")
    @PostMapping("/enterprises")
    ResponseEntity<EnterpriseView> createEnterprise(@Valid @RequestBody EnterpriseRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(registry.create(CurrentUser.get(), request.fields()));
    }

    @Operation(summary = "Change an enterprise (regulators, or the enterprise's own users)")
    @PutMapping("/enterprises/{id}")
    EnterpriseView updateEnterprise(@PathVariable long id, @Valid @RequestBody EnterpriseRequest request) {
        return registry.update(CurrentUser.get(), id, request.fields());
    }

    @Operation(summary = "Download the enterprise import template")
    @GetMapping("/enterprises/template.xlsx")
    void enterpriseTemplate(jakarta.servlet.http.HttpServletResponse response) throws IOException {
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode("企业导入模板.xlsx", java.nio.charset.StandardCharsets.UTF_8));
        enterpriseImport.template(response.getOutputStream());
    }

    @Operation(summary = "Import enterprises from .xlsx, all or nothing: {imported}, or a 400 problem whose errors "
            + "name every bad row and column (field rows[N].creditCode …)")
    @PostMapping("/enterprises/import")
    EnterpriseImport.Result importEnterprises(@RequestPart("file") MultipartFile file) throws IOException {
        return enterpriseImport.importSheet(CurrentUser.get(),
                file.getOriginalFilename() == null ? "upload.xlsx" : file.getOriginalFilename(), file.getBytes());
    }

    @Operation(summary = "Let a user with role ENTERPRISE_USER act for the enterprise")
    @PostMapping("/enterprises/{id}/members")
    ResponseEntity<Void> addMember(@PathVariable long id, @RequestBody Map<String, Long> body) {
        registry.addMember(CurrentUser.get(), id, body.get("userId"));
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Users acting for the enterprise")
    @GetMapping("/enterprises/{id}/members")
    List<EnterpriseRegistry.Member> members(@PathVariable long id) {
        return registry.members(CurrentUser.get(), id);
    }

    @Operation(summary = "Stop a user acting for the enterprise (regulators)")
    @DeleteMapping("/enterprises/{id}/members/{userId}")
    ResponseEntity<Void> removeMember(@PathVariable long id, @PathVariable long userId) {
        registry.removeMember(CurrentUser.get(), id, userId);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Accounts of role ENTERPRISE_USER in my region that a regulator may add as members")
    @GetMapping("/member-candidates")
    PageView<EnterpriseRegistry.Member> memberCandidates(@RequestParam(required = false) String q,
                                                         @RequestParam(required = false) Integer page,
                                                         @RequestParam(required = false) Integer size) {
        return registry.memberCandidates(CurrentUser.get(), q, PageRequest.of(page, size));
    }

    @Operation(summary = "The four-colour map: enterprises as GeoJSON points with their risk level")
    @GetMapping(value = "/layers/enterprises", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<byte[]> enterpriseLayer(@RequestHeader(value = "Accept-Encoding", required = false) String encoding) {
        SafetyCache.Json layer = registry.layer(CurrentUser.get());
        var response = ResponseEntity.ok().contentType(MediaType.parseMediaType("application/geo+json"))
                .header("Vary", "Accept-Encoding");
        // 20 000 enterprises are ~5 MB of JSON: send the gzip made once per cache entry when the client takes it.
        if (encoding != null && encoding.contains("gzip")) {
            return response.header("Content-Encoding", "gzip").body(layer.gzip());
        }
        return response.body(layer.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    // Risk points ----------------------------------------------------------------------------------------

    @Operation(summary = "Risk points of an enterprise, most severe first")
    @GetMapping("/enterprises/{id}/risk-points")
    List<EnterpriseRegistry.RiskPointView> riskPoints(@PathVariable long id) {
        return registry.riskPoints(CurrentUser.get(), id);
    }

    @Operation(summary = "Add a risk point graded by LEC (l, e, c) or MATRIX (likelihood, severity)")
    @PostMapping("/enterprises/{id}/risk-points")
    ResponseEntity<EnterpriseRegistry.RiskPointView> addRiskPoint(@PathVariable long id,
                                                                  @RequestBody EnterpriseRegistry.RiskPointInput input) {
        return ResponseEntity.status(HttpStatus.CREATED).body(registry.addRiskPoint(CurrentUser.get(), id, input));
    }

    @Operation(summary = "Remove a risk point")
    @DeleteMapping("/enterprises/{id}/risk-points/{riskPointId}")
    ResponseEntity<Void> deleteRiskPoint(@PathVariable long id, @PathVariable long riskPointId) {
        registry.deleteRiskPoint(CurrentUser.get(), id, riskPointId);
        return ResponseEntity.noContent().build();
    }

    // Hidden hazards -------------------------------------------------------------------------------------

    @Operation(summary = "Hidden hazards I may see, newest first or (sort=deadline) nearest deadline first; "
            + "open=true leaves out closed ones")
    @GetMapping("/hazards")
    PageView<HazardView> hazards(@RequestParam(required = false) HazardState state,
                                 @RequestParam(required = false) String grade,
                                 @RequestParam(required = false) Long enterpriseId,
                                 @RequestParam(required = false) String regionCode,
                                 @RequestParam(required = false) Boolean overdue,
                                 @RequestParam(required = false) Boolean listed,
                                 @RequestParam(required = false) Boolean open,
                                 @RequestParam(required = false) String sort,
                                 @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        return hazards.search(CurrentUser.get(),
                new HazardRectification.HazardFilter(state, grade, enterpriseId, regionCode, overdue, listed, open,
                        hazardSort(sort)),
                PageRequest.of(page, size));
    }

    private static boolean hazardSort(String sort) {
        if (sort == null || sort.isBlank() || sort.equals("newest")) {
            return false;
        }
        if (sort.equals("deadline")) {
            return true;
        }
        throw new ProblemException.InvalidField("sort", "sort.unknown", "排序方式只能是 newest 或 deadline");
    }

    @Operation(summary = "One hazard with its steps")
    @GetMapping("/hazards/{id}")
    HazardView hazard(@PathVariable long id) {
        return hazards.get(CurrentUser.get(), id);
    }

    @Operation(summary = "Report a hidden hazard")
    @PreAuthorize("hasAuthority('safety:report')")
    @PostMapping("/hazards")
    ResponseEntity<HazardView> report(@RequestBody HazardRectification.Report report) {
        return ResponseEntity.status(HttpStatus.CREATED).body(hazards.report(CurrentUser.get(), report));
    }

    @Operation(summary = "Confirm a reported hazard with its grade (GENERAL/MAJOR) and deadline (regulators)")
    @PostMapping("/hazards/{id}/confirm")
    HazardView confirm(@PathVariable long id, @RequestBody ConfirmRequest request) {
        return hazards.confirm(CurrentUser.get(), id, request.grade(), request.deadline());
    }

    @Operation(summary = "Submit the rectification plan (five must-haves: owner, measures, funds, deadline, contingencyPlan)")
    @PostMapping("/hazards/{id}/plan")
    HazardView plan(@PathVariable long id, @RequestBody HazardRectification.Plan plan) {
        return hazards.plan(CurrentUser.get(), id, plan);
    }

    @Operation(summary = "List a major hazard for supervision by the city or county (regulators)")
    @PostMapping("/hazards/{id}/listing")
    HazardView list(@PathVariable long id, @RequestBody ListingRequest request) {
        return hazards.listForSupervision(CurrentUser.get(), id, request.level(), request.departmentId(),
                request.deadline());
    }

    @Operation(summary = "Report the rectification done and ask for acceptance")
    @PostMapping("/hazards/{id}/submit")
    HazardView submit(@PathVariable long id, @RequestBody(required = false) NoteRequest request) {
        return hazards.submitForAcceptance(CurrentUser.get(), id, request == null ? null : request.note());
    }

    @Operation(summary = "Accept the rectification and close the hazard (regulators; the listing unit when listed)")
    @PostMapping("/hazards/{id}/accept")
    HazardView accept(@PathVariable long id, @RequestBody(required = false) NoteRequest request) {
        return hazards.accept(CurrentUser.get(), id, request == null ? null : request.note());
    }

    @Operation(summary = "Reject the rectification back to the enterprise with a reason")
    @PostMapping("/hazards/{id}/reject")
    HazardView reject(@PathVariable long id, @RequestBody RejectRequest request) {
        return hazards.reject(CurrentUser.get(), id, request.reason());
    }

    @Operation(summary = "Attach a photo to a hazard")
    @PostMapping("/hazards/{id}/photos")
    ResponseEntity<Map<String, Long>> photo(@PathVariable long id, @RequestPart("file") MultipartFile file)
            throws IOException {
        long photoId = hazards.addPhoto(CurrentUser.get(), id, file.getOriginalFilename() == null ? "photo"
                : file.getOriginalFilename(), file.getContentType(), file.getBytes());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", photoId));
    }

    @Operation(summary = "A hazard's photo")
    @GetMapping("/hazards/{id}/photos/{photoId}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        HazardRectification.Photo photo = hazards.photo(CurrentUser.get(), id, photoId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.contentType())).body(photo.content());
    }

    @Operation(summary = "The regulator's dashboard: by county, by industry, monthly trend, enterprises by risk")
    @GetMapping("/dashboard")
    SafetyDashboard.Dashboard dashboard() {
        return dashboard.of(CurrentUser.get());
    }
}
