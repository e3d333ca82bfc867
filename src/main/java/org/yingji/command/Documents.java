package org.yingji.command;

import com.lowagie.text.Chunk;
import com.lowagie.text.Element;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One simple document model (title, headings, paragraphs, tables) written both as Word (POI XWPF) and as PDF
 * (OpenPDF with the Noto CJK font embedded), so a sitrep and a plan export read the same in both formats.
 */
@Component
class Documents {

    sealed interface Block permits Heading, Text, Table {
    }

    record Heading(String text) implements Block {
    }

    record Text(String text) implements Block {
    }

    record Table(List<String> headers, List<List<String>> rows) implements Block {
    }

    record Doc(String title, String subtitle, List<Block> blocks) {
    }

    private final String fontPath;

    Documents(@Value("${yingji.command.pdf-font}") String fontPath) {
        this.fontPath = fontPath;
    }

    byte[] docx(Doc doc) {
        try (XWPFDocument word = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFParagraph title = word.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            run(title, doc.title(), 18, true);
            if (doc.subtitle() != null) {
                XWPFParagraph sub = word.createParagraph();
                sub.setAlignment(ParagraphAlignment.CENTER);
                run(sub, doc.subtitle(), 10, false);
            }
            for (Block block : doc.blocks()) {
                if (block instanceof Heading h) {
                    run(word.createParagraph(), h.text(), 14, true);
                } else if (block instanceof Text t) {
                    run(word.createParagraph(), t.text(), 11, false);
                } else if (block instanceof Table t) {
                    XWPFTable table = word.createTable(t.rows().size() + 1, t.headers().size());
                    fill(table.getRow(0), t.headers(), true);
                    for (int i = 0; i < t.rows().size(); i++) {
                        fill(table.getRow(i + 1), t.rows().get(i), false);
                    }
                    word.createParagraph();
                }
            }
            word.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(XWPFTableRow row, List<String> cells, boolean bold) {
        for (int i = 0; i < cells.size(); i++) {
            XWPFParagraph p = row.getCell(i).getParagraphs().get(0);
            run(p, cells.get(i), 10, bold);
        }
    }

    private static void run(XWPFParagraph paragraph, String text, int size, boolean bold) {
        XWPFRun run = paragraph.createRun();
        run.setFontFamily("宋体");
        run.setFontSize(size);
        run.setBold(bold);
        run.setText(text == null ? "" : text);
    }

    byte[] pdf(Doc doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (com.lowagie.text.Document pdf = new com.lowagie.text.Document(PageSize.A4, 50, 50, 50, 50)) {
            PdfWriter.getInstance(pdf, out);
            BaseFont base = BaseFont.createFont(fontPath, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
            com.lowagie.text.Font titleFont = new com.lowagie.text.Font(base, 18, com.lowagie.text.Font.BOLD);
            com.lowagie.text.Font headingFont = new com.lowagie.text.Font(base, 13, com.lowagie.text.Font.BOLD);
            com.lowagie.text.Font body = new com.lowagie.text.Font(base, 10.5f);
            com.lowagie.text.Font small = new com.lowagie.text.Font(base, 9);
            pdf.open();
            Paragraph title = new Paragraph(doc.title(), titleFont);
            title.setAlignment(Element.ALIGN_CENTER);
            pdf.add(title);
            if (doc.subtitle() != null) {
                Paragraph sub = new Paragraph(doc.subtitle(), small);
                sub.setAlignment(Element.ALIGN_CENTER);
                pdf.add(sub);
            }
            pdf.add(Chunk.NEWLINE);
            for (Block block : doc.blocks()) {
                if (block instanceof Heading h) {
                    Paragraph p = new Paragraph(h.text(), headingFont);
                    p.setSpacingBefore(8);
                    p.setSpacingAfter(4);
                    pdf.add(p);
                } else if (block instanceof Text t) {
                    pdf.add(new Paragraph(t.text(), body));
                } else if (block instanceof Table t) {
                    PdfPTable table = new PdfPTable(t.headers().size());
                    table.setWidthPercentage(100);
                    t.headers().forEach(h -> table.addCell(new PdfPCell(new Phrase(h, headingFont))));
                    t.rows().forEach(row -> row.forEach(c -> table.addCell(new PdfPCell(new Phrase(c == null ? "" : c, small)))));
                    table.setSpacingBefore(4);
                    table.setSpacingAfter(4);
                    pdf.add(table);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
