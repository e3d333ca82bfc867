package org.yingji.warning;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.PageRequest;
import org.yingji.platform.web.PageView;
import org.yingji.platform.web.ProblemException;

@Tag(name = "预警接收对象 Warning recipients")
@RestController
@RequestMapping("/api/warning")
@PreAuthorize("hasAuthority('warning:read')")
class RecipientController {

    private final Recipients recipients;

    RecipientController(Recipients recipients) {
        this.recipients = recipients;
    }

    record SubscriptionRequest(String regionCode, Double lon, Double lat) {
    }

    record SyntheticRequest(Integer total, Long seed) {
    }

    @GetMapping("/recipients")
    PageView<Recipients.RecipientView> list(@RequestParam(required = false) RecipientKind kind,
                                            @RequestParam(required = false) String regionCode,
                                            @RequestParam(required = false) String q,
                                            @RequestParam(required = false) Integer page,
                                            @RequestParam(required = false) Integer size) {
        return recipients.list(CurrentUser.get(), kind, regionCode, q, PageRequest.of(page, size));
    }

    @PostMapping("/recipients")
    @PreAuthorize("hasAuthority('warning:recipients')")
    ResponseEntity<Recipients.RecipientView> add(@RequestBody Recipients.RecipientInput input) {
        return ResponseEntity.status(HttpStatus.CREATED).body(recipients.add(CurrentUser.get(), input));
    }

    @DeleteMapping("/recipients/{id}")
    @PreAuthorize("hasAuthority('warning:recipients')")
    ResponseEntity<Void> remove(@PathVariable long id) {
        recipients.remove(CurrentUser.get(), id);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "订阅预警推送（当前用户的客户端）")
    @PostMapping("/subscription")
    Recipients.RecipientView subscribe(@RequestBody SubscriptionRequest request) {
        return recipients.subscribe(CurrentUser.get(), request.regionCode(), request.lon(), request.lat());
    }

    @Operation(summary = "导入模板（kind=PHONE 或 TERMINAL）")
    @GetMapping("/recipients/template")
    ResponseEntity<byte[]> template(@RequestParam RecipientKind kind) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        recipients.template(kind, out);
        String name = URLEncoder.encode(kind.label() + "导入模板.xlsx", StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''" + name)
                .contentType(MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .body(out.toByteArray());
    }

    @Operation(summary = "Excel 导入（全部成功或全部不导入，列出每个错误行）")
    @PostMapping(value = "/recipients/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasAuthority('warning:recipients')")
    Recipients.ImportResult importSheet(@RequestParam RecipientKind kind, @RequestPart("file") MultipartFile file)
            throws IOException {
        return recipients.importSheet(CurrentUser.get(), kind, file.getOriginalFilename(), file.getBytes());
    }

    @Operation(summary = "生成合成接收对象（演示和压测；按各村人口分配），仅市级管理员")
    @PostMapping("/recipients/synthetic")
    @PreAuthorize("hasAuthority('user:manage')")
    Recipients.SyntheticResult synthetic(@RequestBody SyntheticRequest request) {
        if (!CurrentUser.get().scope().contains("510300")) {
            throw new ProblemException.Forbidden("recipient.synthetic-city-only", "只有市级管理员可以生成合成接收对象");
        }
        int total = request.total() == null ? 10_000 : request.total();
        if (total < 0 || total > 5_000_000) {
            throw new ProblemException.InvalidField("total", "Range", "数量须在 0 到 5 000 000 之间");
        }
        return recipients.generate(total, request.seed() == null ? 20201101L : request.seed());
    }
}
