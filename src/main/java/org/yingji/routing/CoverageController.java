package org.yingji.routing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yingji.platform.excel.ExcelSheets;
import org.yingji.platform.security.CurrentUser;

/** The T-minute response circle of the fire stations, with optional candidate stations, as JSON or Excel. */
@Tag(name = "道路路径 Routing")
@RestController
@PreAuthorize("hasAuthority('routing:read')")
@RequestMapping("/api/routing/coverage")
class CoverageController {

    private final Coverage coverage;

    CoverageController(Coverage coverage) {
        this.coverage = coverage;
    }

    @Operation(summary = "Coverage of population, hazard sources and protection targets by the fire stations' "
            + "T-minute isochrones, per county and township; candidates=lon,lat;lon,lat adds what-if stations")
    @GetMapping
    Coverage.Result analyse(@RequestParam(defaultValue = "5") double minutes,
                            @RequestParam(required = false) String candidates) {
        return coverage.analyse(CurrentUser.get().scope(), minutes,
                RoutingController.points("candidates", candidates, Coverage.MAX_CANDIDATES));
    }

    @Operation(summary = "The coverage table (counties, then townships) as Excel")
    @GetMapping("/export.xlsx")
    ResponseEntity<byte[]> export(@RequestParam(defaultValue = "5") double minutes,
                                  @RequestParam(required = false) String candidates) throws IOException {
        Coverage.Result result = analyse(minutes, candidates);
        String fileName = String.format("%s分钟覆盖分析.xlsx", format(minutes));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName, StandardCharsets.UTF_8).build().toString())
                .body(workbook(result));
    }

    private static byte[] workbook(Coverage.Result result) throws IOException {
        boolean after = result.after() != null;
        List<String> headers = new ArrayList<>(List.of("级别", "区县", "名称", "行政区划代码", "人口", "覆盖人口",
                "人口覆盖率", "危险源", "覆盖危险源", "防护目标", "覆盖防护目标"));
        if (after) {
            headers.addAll(List.of("增设后覆盖人口", "增设后人口覆盖率", "增设后覆盖危险源", "增设后覆盖防护目标"));
        }
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(format(result.minutes()) + "分钟覆盖");
            ExcelSheets.writeHeader(workbook, sheet, headers);
            int r = 1;
            for (Coverage.Row row : concat(result.counties(), result.townships())) {
                Row line = sheet.createRow(r++);
                int c = 0;
                line.createCell(c++).setCellValue(row.level().equals("COUNTY") ? "区县" : "乡镇街道");
                line.createCell(c++).setCellValue(row.countyName());
                line.createCell(c++).setCellValue(row.name());
                line.createCell(c++).setCellValue(row.code());
                c = figures(line, c, row.before());
                if (after) {
                    line.createCell(c++).setCellValue(row.after().coveredPopulation());
                    line.createCell(c++).setCellValue(row.after().populationShare());
                    line.createCell(c++).setCellValue(row.after().coveredHazards());
                    line.createCell(c).setCellValue(row.after().coveredTargets());
                }
            }
            Row basis = sheet.createRow(r + 1);
            basis.createCell(0).setCellValue((result.estimate() ? "估算：" : "") + result.basis());
            sheet.createRow(r + 2).createCell(0).setCellValue(result.note());
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static int figures(Row line, int c, CoverageCount.Figures f) {
        line.createCell(c++).setCellValue(f.population());
        line.createCell(c++).setCellValue(f.coveredPopulation());
        line.createCell(c++).setCellValue(f.populationShare());
        line.createCell(c++).setCellValue(f.hazards());
        line.createCell(c++).setCellValue(f.coveredHazards());
        line.createCell(c++).setCellValue(f.targets());
        line.createCell(c++).setCellValue(f.coveredTargets());
        return c;
    }

    private static List<Coverage.Row> concat(List<Coverage.Row> a, List<Coverage.Row> b) {
        List<Coverage.Row> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String format(double minutes) {
        return minutes == Math.rint(minutes) ? String.valueOf((long) minutes) : String.valueOf(minutes);
    }
}
