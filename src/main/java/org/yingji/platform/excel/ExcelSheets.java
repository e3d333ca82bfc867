package org.yingji.platform.excel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.springframework.http.HttpStatus;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.ProblemException;

/**
 * Import sheets: Chinese column headers (required ones marked *), a template with a sheet of instructions, and
 * a streaming (SAX) reader that turns an uploaded .xlsx into rows keyed by field, never holding the XML as a tree.
 */
public final class ExcelSheets {

    /** One column: its header and the field it fills. */
    public record Column(String header, String field, boolean required) {

        public String headerText() {
            return required ? header + "*" : header;
        }
    }

    /** A data row: its number as Excel shows it (the header is row 1) and its non-blank values by field. */
    public record SheetRow(int number, Map<String, String> values) {
    }

    private ExcelSheets() {
    }

    /** A template: the header row, then a second sheet "填写说明" explaining each column. */
    public static void writeTemplate(String sheetName, List<Column> columns, Function<Column, String> explain,
                                     OutputStream out) throws IOException {
        try (Workbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet(sheetName);
            writeHeader(workbook, sheet, columns.stream().map(Column::headerText).toList());
            Sheet help = workbook.createSheet("填写说明");
            Row top = help.createRow(0);
            top.createCell(0).setCellValue("列");
            top.createCell(1).setCellValue("必填");
            top.createCell(2).setCellValue("说明");
            int r = 1;
            for (Column column : columns) {
                Row row = help.createRow(r++);
                row.createCell(0).setCellValue(column.header());
                row.createCell(1).setCellValue(column.required() ? "是" : "否");
                row.createCell(2).setCellValue(explain.apply(column));
            }
            help.setColumnWidth(2, 100 * 256);
            workbook.write(out);
        }
    }

    /** A bold, shaded, frozen header row. */
    public static void writeHeader(Workbook workbook, Sheet sheet, List<String> headers) {
        CellStyle style = workbook.createCellStyle();
        style.setFillForegroundColor(IndexedColors.PALE_BLUE.getIndex());
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        var font = workbook.createFont();
        font.setBold(true);
        style.setFont(font);
        Row row = sheet.createRow(0);
        int c = 0;
        for (String header : headers) {
            Cell cell = row.createCell(c);
            cell.setCellValue(header);
            cell.setCellStyle(style);
            sheet.setColumnWidth(c++, 16 * 256);
        }
        sheet.createFreezePane(0, 1);
    }

    /**
     * Reads an uploaded import file as {@link #read} does, turning every way it can be unreadable (not .xlsx, not
     * our template, no data rows) into a 400 on the field {@code file}.
     */
    public static List<SheetRow> readUpload(byte[] xlsx, List<Column> columns) {
        List<SheetRow> rows;
        try {
            rows = read(xlsx, columns);
        } catch (IllegalArgumentException e) {
            throw new ProblemException.InvalidField("file", "Template", e.getMessage());
        } catch (Exception e) {
            throw new ProblemException.InvalidField("file", "Format", "无法读取文件，请上传 .xlsx 格式的 Excel 文件");
        }
        if (rows.isEmpty()) {
            throw new ProblemException.InvalidField("file", "Empty", "表格中没有数据行");
        }
        return rows;
    }

    /** The 400 of an all-or-nothing import: every problem of every bad row (fields named rows[n].field). */
    public static ProblemException invalidRows(List<FieldProblem> errors) {
        long badRows = errors.stream().map(e -> e.field().substring(0, e.field().indexOf(']'))).distinct().count();
        return new ProblemException(HttpStatus.BAD_REQUEST, "import.invalid-rows", "导入数据不合法",
                "有 " + badRows + " 行数据不合法，未导入任何数据", errors);
    }

    /**
     * Reads the first sheet. Throws {@link IllegalArgumentException} with a Chinese message when the header row is
     * missing or lacks required columns; blank rows are skipped; extra columns are ignored.
     */
    public static List<SheetRow> read(byte[] xlsx, List<Column> columns) throws Exception {
        List<SheetRow> rows = new ArrayList<>();
        Map<String, Integer> positions = new HashMap<>();
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(xlsx))) {
            XSSFReader reader = new XSSFReader(pkg);
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new IllegalArgumentException("文件中没有工作表");
            }
            Map<Integer, String> cells = new HashMap<>();
            XSSFSheetXMLHandler.SheetContentsHandler handler = new XSSFSheetXMLHandler.SheetContentsHandler() {
                @Override
                public void startRow(int rowNum) {
                    cells.clear();
                }

                @Override
                public void endRow(int rowNum) {
                    if (rowNum == 0) {
                        cells.forEach((column, text) -> positions.put(
                                text.endsWith("*") ? text.substring(0, text.length() - 1) : text, column));
                        List<String> missing = columns.stream()
                                .filter(c -> c.required() && !positions.containsKey(c.header()))
                                .map(Column::header).toList();
                        if (!missing.isEmpty()) {
                            throw new IllegalArgumentException("缺少必填列：" + String.join("、", missing)
                                    + "（请使用下载的导入模板）");
                        }
                        return;
                    }
                    Map<String, String> values = new LinkedHashMap<>();
                    for (Column column : columns) {
                        Integer position = positions.get(column.header());
                        String text = position == null ? null : cells.get(position);
                        if (text != null && !text.isBlank()) {
                            values.put(column.field(), text.strip());
                        }
                    }
                    if (!values.isEmpty()) {
                        rows.add(new SheetRow(rowNum + 1, values));
                    }
                }

                @Override
                public void cell(String reference, String formattedValue, XSSFComment comment) {
                    if (reference != null && formattedValue != null) {
                        cells.put((int) new CellReference(reference).getCol(), formattedValue.strip());
                    }
                }
            };
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null,
                        new ReadOnlySharedStringsTable(pkg), handler, new DataFormatter(), false));
                parser.parse(new InputSource(sheet));
            }
        }
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("第 1 行须为表头（请使用下载的导入模板）");
        }
        return rows;
    }
}
