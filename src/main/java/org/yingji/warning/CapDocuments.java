package org.yingji.warning;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * OASIS CAP 1.2: writes the alert message of a published warning revision, and checks a received one against the
 * standard's XML schema plus the rules of its section 3 that a schema cannot express (identifier characters,
 * references of an Update or Cancel, polygon and circle syntax, restriction/addresses by scope, times).
 */
@Component
class CapDocuments {

    static final String NS = "urn:oasis:names:tc:emergency:cap:1.2";
    static final String GEOCODE = "GB/T 2260";
    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final Pattern FORBIDDEN_ID = Pattern.compile("[\\s,<&]");
    private static final Pattern PAIR = Pattern.compile("-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?");

    private final Schema schema;
    private final WarningSettings settings;

    CapDocuments(WarningSettings settings) throws SAXException, IOException {
        this.settings = settings;
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        try (var in = new ClassPathResource("warning/CAP-v1.2.xsd").getInputStream()) {
            this.schema = factory.newSchema(new StreamSource(in));
        }
    }

    /** One thing wrong with a received document; line 0 when the rule is about content, not syntax. */
    record Violation(int line, int column, String rule, String message) {
    }

    static String time(Instant instant) {
        return CAP_TIME.format(instant.atOffset(BEIJING));
    }

    String messageIdentifier(WarningView warning, int revision) {
        return revision == 0 ? warning.identifier() : warning.identifier() + "." + revision;
    }

    /** The CAP alert for the warning's current revision. */
    String write(WarningView w) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("alert");
            xml.writeDefaultNamespace(NS);
            text(xml, "identifier", messageIdentifier(w, w.revision()));
            text(xml, "sender", w.importedFrom() != null ? w.importedFrom() : settings.capSender());
            text(xml, "sent", time(w.sentAt()));
            text(xml, "status", "Actual");
            text(xml, "msgType", w.msgType());
            text(xml, "source", w.senderDepartment());
            text(xml, "scope", "Public");
            if (w.revision() > 0) {
                text(xml, "references", settings.capSender() + "," + messageIdentifier(w, w.revision() - 1) + ","
                        + time(w.previousSentAt()));
            }
            xml.writeStartElement("info");
            text(xml, "language", "zh-CN");
            text(xml, "category", w.eventType().capCategory());
            text(xml, "event", w.eventType().label() + w.level().label() + "预警");
            text(xml, "responseType", "Cancel".equals(w.msgType()) ? "AllClear" : "Prepare");
            text(xml, "urgency", w.level().capUrgency());
            text(xml, "severity", w.level().capSeverity());
            text(xml, "certainty", "Likely");
            xml.writeStartElement("eventCode");
            text(xml, "valueName", "YINGJI-LEVEL");
            text(xml, "value", w.level().name() + "/" + w.level().grade());
            xml.writeEndElement();
            text(xml, "effective", time(w.effectiveAt()));
            text(xml, "expires", time(w.expiresAt()));
            text(xml, "senderName", w.senderDepartment());
            text(xml, "headline", w.headline());
            text(xml, "description", w.description());
            text(xml, "instruction", w.instruction());
            text(xml, "web", settings.publicBaseUrl() + "/public/");
            xml.writeStartElement("area");
            text(xml, "areaDesc", w.headline());
            if (w.area() != null) {
                MultiPolygon area = WarningArea.read(w.area());
                for (int i = 0; i < area.getNumGeometries(); i++) {
                    text(xml, "polygon", capPolygon((Polygon) area.getGeometryN(i)));
                }
            }
            for (String code : w.regionCodes()) {
                xml.writeStartElement("geocode");
                text(xml, "valueName", GEOCODE);
                text(xml, "value", code);
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CAP polygons are lat,lon pairs separated by spaces, the first pair repeated last. */
    static String capPolygon(Polygon polygon) {
        StringBuilder text = new StringBuilder();
        for (Coordinate c : polygon.getExteriorRing().getCoordinates()) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(c.y).append(',').append(c.x);
        }
        return text.toString();
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value == null ? "" : value);
        xml.writeEndElement();
    }

    /** Every violation of the schema and of the section-3 rules; empty when the document is valid CAP 1.2. */
    List<Violation> validate(byte[] document) {
        List<Violation> violations = new ArrayList<>();
        Validator validator = schema.newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    violations.add(new Violation(e.getLineNumber(), e.getColumnNumber(), "xsd", e.getMessage()));
                }

                @Override
                public void fatalError(SAXParseException e) {
                    violations.add(new Violation(e.getLineNumber(), e.getColumnNumber(), "xml", e.getMessage()));
                }
            });
            validator.validate(new StreamSource(new ByteArrayInputStream(document)));
        } catch (SAXException e) {
            if (violations.isEmpty()) {
                violations.add(new Violation(0, 0, "xml", e.getMessage()));
            }
            return violations;
        } catch (IOException e) {
            violations.add(new Violation(0, 0, "xml", e.getMessage()));
            return violations;
        }
        Document dom = parse(document);
        if (dom == null) {
            violations.add(new Violation(0, 0, "xml", "文档无法解析"));
            return violations;
        }
        violations.addAll(rules(dom.getDocumentElement()));
        return violations;
    }

    /** Section-3 rules that the schema leaves to the reader. */
    private List<Violation> rules(Element alert) {
        List<Violation> v = new ArrayList<>();
        String identifier = child(alert, "identifier");
        String sender = child(alert, "sender");
        if (identifier != null && FORBIDDEN_ID.matcher(identifier).find()) {
            v.add(rule("identifier.characters", "identifier 不得含空格、逗号、< 或 &：" + identifier));
        }
        if (sender != null && FORBIDDEN_ID.matcher(sender).find()) {
            v.add(rule("sender.characters", "sender 不得含空格、逗号、< 或 &：" + sender));
        }
        for (String timeElement : List.of("sent", "effective", "onset", "expires")) {
            for (Element e : descendants(alert, timeElement)) {
                if (e.getTextContent().strip().endsWith("-00:00")) {
                    v.add(rule(timeElement + ".utc", timeElement + " 表示 UTC 时须写 +00:00，不得写 -00:00"));
                }
            }
        }
        String msgType = child(alert, "msgType");
        String references = child(alert, "references");
        if (("Update".equals(msgType) || "Cancel".equals(msgType) || "Ack".equals(msgType)
                || "Error".equals(msgType)) && (references == null || references.isBlank())) {
            v.add(rule("references.required", "msgType 为 " + msgType + " 时须有 references 指向原消息"));
        }
        if (references != null && !references.isBlank()) {
            for (String reference : references.strip().split("\\s+")) {
                String[] parts = reference.split(",");
                if (parts.length != 3 || !isCapTime(parts[2])) {
                    v.add(rule("references.format", "references 每项须为 sender,identifier,sent：" + reference));
                }
            }
        }
        String scope = child(alert, "scope");
        if ("Restricted".equals(scope) && child(alert, "restriction") == null) {
            v.add(rule("restriction.required", "scope 为 Restricted 时须有 restriction"));
        }
        if ("Private".equals(scope) && child(alert, "addresses") == null) {
            v.add(rule("addresses.required", "scope 为 Private 时须有 addresses"));
        }
        if ("Alert".equals(msgType) && descendants(alert, "info").isEmpty() && !"System".equals(child(alert, "status"))) {
            v.add(rule("info.required", "msgType 为 Alert 的消息须至少有一个 info"));
        }
        for (Element info : descendants(alert, "info")) {
            String effective = child(info, "effective");
            String expires = child(info, "expires");
            if (effective != null && expires != null && isCapTime(effective) && isCapTime(expires)
                    && !OffsetDateTime.parse(expires).isAfter(OffsetDateTime.parse(effective))) {
                v.add(rule("expires.after-effective", "expires 须晚于 effective"));
            }
        }
        for (Element polygon : descendants(alert, "polygon")) {
            String text = polygon.getTextContent().strip();
            String[] pairs = text.split("\\s+");
            if (pairs.length < 4) {
                v.add(rule("polygon.points", "polygon 至少需要 4 个坐标对（首尾相同）：" + text));
                continue;
            }
            boolean wellFormed = true;
            for (String pair : pairs) {
                if (!PAIR.matcher(pair).matches() || !inRange(pair)) {
                    v.add(rule("polygon.pair", "polygon 坐标须为“纬度,经度”且在取值范围内：" + pair));
                    wellFormed = false;
                    break;
                }
            }
            if (wellFormed && !pairs[0].equals(pairs[pairs.length - 1])) {
                v.add(rule("polygon.closed", "polygon 首尾坐标须相同：" + pairs[0] + " ≠ " + pairs[pairs.length - 1]));
            }
        }
        for (Element circle : descendants(alert, "circle")) {
            String[] parts = circle.getTextContent().strip().split("\\s+");
            if (parts.length != 2 || !PAIR.matcher(parts[0]).matches() || !inRange(parts[0])
                    || !parts[1].matches("\\d+(\\.\\d+)?")) {
                v.add(rule("circle.format", "circle 须为“纬度,经度 半径(km)”：" + circle.getTextContent().strip()));
            }
        }
        return v;
    }

    private static boolean inRange(String pair) {
        String[] latLon = pair.split(",");
        double lat = Double.parseDouble(latLon[0]);
        double lon = Double.parseDouble(latLon[1]);
        return lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
    }

    private static boolean isCapTime(String text) {
        try {
            OffsetDateTime.parse(text.strip());
            return text.strip().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[-+]\\d\\d:\\d\\d");
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Violation rule(String rule, String message) {
        return new Violation(0, 0, rule, message);
    }

    static Document parse(byte[] document) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(document));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            return null;
        }
    }

    static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                result.add(e);
            }
        }
        return result;
    }

    static List<Element> descendants(Element root, String name) {
        NodeList list = root.getElementsByTagNameNS(NS, name);
        List<Element> result = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            result.add((Element) list.item(i));
        }
        return result;
    }
}
