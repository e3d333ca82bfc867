package org.yingji.warning;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.yingji.platform.region.Region;
import org.yingji.platform.region.RegionLevel;
import org.yingji.platform.region.RegionScope;
import org.yingji.platform.region.Regions;
import org.yingji.platform.web.ProblemException;

/**
 * What the public may read without signing in: the Atom feed of warnings in force (each entry linking its CAP
 * document, the layout CAP feed readers expect), the CAP documents of published warnings, and a JSON list for
 * the public map page.
 */
@Tag(name = "公开预警 Public warning feed")
@RestController
class PublicWarningController {

    static final MediaType CAP = MediaType.parseMediaType("application/cap+xml;charset=UTF-8");
    static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    private final Warnings warnings;
    private final CapDocuments cap;
    private final WarningSettings settings;
    private final Regions regions;

    PublicWarningController(Warnings warnings, CapDocuments cap, WarningSettings settings, Regions regions) {
        this.warnings = warnings;
        this.cap = cap;
        this.settings = settings;
        this.regions = regions;
    }

    record PublicWarning(long id, String eventLabel, WarningLevel level, String levelLabel, String headline,
                         String description, String instruction, String senderDepartment, Instant effectiveAt,
                         Instant expiresAt, Instant sentAt, String msgType, Object area, List<String> regionCodes,
                         String capUrl) {
    }

    @Operation(summary = "生效中的预警（公开，无需登录）")
    @GetMapping("/public/warnings.json")
    ResponseEntity<List<PublicWarning>> active() {
        List<PublicWarning> list = warnings.active().stream().map(w -> new PublicWarning(w.id(), w.eventLabel(),
                w.level(), w.levelLabel(), w.headline(), w.description(), w.instruction(), w.senderDepartment(),
                w.effectiveAt(), w.expiresAt(), w.sentAt(), w.msgType(), w.area(), w.regionCodes(), w.capUrl()))
                .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(list);
    }

    @Operation(summary = "区县边界（公开页面的底图）")
    @GetMapping("/public/counties.geojson")
    ResponseEntity<String> counties() {
        StringBuilder out = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (Region county : regions.list(RegionScope.of("510300"), RegionLevel.COUNTY, null)) {
            String boundary = regions.boundary(county.code()).orElse(null);
            if (boundary == null) {
                continue;
            }
            if (out.charAt(out.length() - 1) != '[') {
                out.append(',');
            }
            out.append("{\"type\":\"Feature\",\"properties\":{\"code\":\"").append(county.code())
                    .append("\",\"name\":\"").append(county.name()).append("\"},\"geometry\":").append(boundary)
                    .append('}');
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/geo+json"))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1))).body(out.append("]}").toString());
    }

    @Operation(summary = "预警的 CAP 1.2 文档（公开）")
    @GetMapping("/public/warnings/{id}.cap.xml")
    ResponseEntity<String> capDocument(@PathVariable long id) {
        WarningView warning = warnings.find(id);
        if (warning == null || warning.capUrl() == null) {
            throw new ProblemException.NotFound("预警", id);
        }
        return ResponseEntity.ok().contentType(CAP).body(cap.write(warning));
    }

    @Operation(summary = "生效中预警的 Atom 订阅源（公开），每条链接其 CAP 文档")
    @GetMapping("/public/warnings.atom")
    ResponseEntity<String> atom() throws XMLStreamException {
        String base = settings.publicBaseUrl().isEmpty()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString() : settings.publicBaseUrl();
        List<WarningView> active = warnings.active();
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
        text(xml, "id", "urn:yingji:510300:warnings");
        text(xml, "title", "自贡市突发事件预警信息");
        text(xml, "updated", (active.isEmpty() ? Instant.EPOCH : active.get(0).sentAt()).toString());
        xml.writeStartElement("author");
        text(xml, "name", "自贡市应急管理局");
        xml.writeEndElement();
        link(xml, "self", ATOM.toString(), base + "/public/warnings.atom");
        link(xml, "alternate", "text/html", base + "/public/");
        for (WarningView w : active) {
            xml.writeStartElement("entry");
            text(xml, "id", "urn:yingji:warning:" + cap.messageIdentifier(w, w.revision()));
            text(xml, "title", "[" + w.levelLabel() + "预警] " + w.headline());
            text(xml, "updated", w.sentAt().toString());
            text(xml, "published", w.publishedAt().toString());
            xml.writeStartElement("author");
            text(xml, "name", w.senderDepartment());
            xml.writeEndElement();
            text(xml, "summary", w.instruction());
            link(xml, "alternate", "application/cap+xml", base + w.capUrl());
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return ResponseEntity.ok().contentType(ATOM).cacheControl(CacheControl.noCache()).body(out.toString());
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value == null ? "" : value);
        xml.writeEndElement();
    }
}
