package org.yingji.resources;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.ProblemException;

@Tag(name = "应急资源 Excel")
@RestController
@PreAuthorize("hasAuthority('resource:read')")
@RequestMapping("/api/resources")
class ResourceExcelController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int EXPORT_LIMIT = 200_000;

    private final ResourceImports imports;
    private final Resources resources;

    ResourceExcelController(ResourceImports imports, Resources resources) {
        this.imports = imports;
        this.resources = resources;
    }

    @Operation(summary = "Download the import template of a kind (Chinese headers, a sheet of instructions)")
    @GetMapping("/{kind}/template.xlsx")
    void template(@PathVariable String kind, HttpServletResponse response) throws IOException {
        ResourceKind resourceKind = ResourceController.kind(kind);
        attachment(response, resourceKind.label() + "导入模板.xlsx");
        ResourceSheet.writeTemplate(resourceKind, response.getOutputStream());
    }

    @Operation(summary = "Export the filtered list of a kind as Excel")
    @GetMapping("/{kind}/export.xlsx")
    void export(@PathVariable String kind, @RequestParam Map<String, String> params, HttpServletResponse response)
            throws IOException {
        ResourceKind resourceKind = ResourceController.kind(kind);
        List<ResourceView> rows = new ArrayList<>();
        resources.forEach(resourceKind, CurrentUser.get().scope(), ResourceController.filter(resourceKind, params),
                view -> {
                    if (rows.size() < EXPORT_LIMIT) {
                        rows.add(view);
                    }
                });
        attachment(response, resourceKind.label() + ".xlsx");
        ResourceSheet.writeList(resourceKind, rows, response.getOutputStream());
    }

    @Operation(summary = "Start an all-or-nothing import of an .xlsx file; poll the job for progress and errors")
    @PreAuthorize("hasAuthority('resource:manage')")
    @PostMapping("/{kind}/import")
    ResponseEntity<ResourceImports.JobView> importSheet(@PathVariable String kind,
                                                        @RequestPart("file") MultipartFile file) throws IOException {
        ResourceKind resourceKind = ResourceController.kind(kind);
        if (file.isEmpty()) {
            throw new ProblemException.InvalidField("file", "NotEmpty", "请选择要导入的 Excel 文件");
        }
        String name = file.getOriginalFilename() == null ? "upload.xlsx" : file.getOriginalFilename();
        if (!name.toLowerCase().endsWith(".xlsx")) {
            throw new ProblemException.InvalidField("file", "Format", "只支持 .xlsx 格式（Excel 2007 及以上）");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(imports.start(CurrentUser.get(), resourceKind, name, file.getBytes()));
    }

    @Operation(summary = "Progress and result of an import job")
    @GetMapping("/imports/{id}")
    ResourceImports.JobView importJob(@PathVariable String id) {
        return imports.get(CurrentUser.get(), id);
    }

    private static void attachment(HttpServletResponse response, String fileName) {
        response.setContentType(XLSX);
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
