package org.yingji.warning;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.w3c.dom.Element;
import org.yingji.platform.region.GeoJsonGeometries;
import org.yingji.platform.region.Regions;
import org.yingji.platform.security.CurrentUser;
import org.yingji.platform.web.FieldProblem;
import org.yingji.platform.web.ProblemException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes in CAP 1.2 alerts from other systems (the meteorological service, the province): a document with any
 * schema or section-3 violation is refused with every violation listed; a valid Alert becomes a published warning
 * of ours (first info block, polygons as the area, GB/T 2260 geocodes as regions) so that our channels carry it.
 */
@Service
class CapImport {

    private final CapDocuments cap;
    private final Warnings warnings;
    private final WarningArea areas;
    private final Regions regions;
    private final JsonMapper json;

    CapImport(CapDocuments cap, Warnings warnings, WarningArea areas, Regions regions, JsonMapper json) {
        this.cap = cap;
        this.warnings = warnings;
        this.areas = areas;
        this.regions = regions;
        this.json = json;
    }

    static List<FieldProblem> problems(List<CapDocuments.Violation> violations) {
        return violations.stream().map(v -> new FieldProblem(
                v.line() > 0 ? "line " + v.line() + ":" + v.column() : "alert", "cap." + v.rule(),
                (v.line() > 0 ? "第 " + v.line() + " 行第 " + v.column() + " 列：" : "") + v.message())).toList();
    }

    WarningView importAlert(CurrentUser user, byte[] document) {
        if (!user.can("warning:publish")) {
            throw new ProblemException.Forbidden("auth.forbidden", "导入外部预警需要发布权限（warning:publish）");
        }
        List<CapDocuments.Violation> violations = cap.validate(document);
        if (!violations.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "cap.invalid", "CAP 文档不合法",
                    "CAP 1.2 文档有 " + violations.size() + " 处不合法", problems(violations));
        }
        Element alert = CapDocuments.parse(document).getDocumentElement();
        String msgType = CapDocuments.child(alert, "msgType");
        if (!"Alert".equals(msgType)) {
            throw new ProblemException.InvalidField("msgType", "cap.unsupported-msgtype",
                    "目前只接收 msgType 为 Alert 的新预警（收到 " + msgType + "）");
        }
        String identifier = CapDocuments.child(alert, "identifier");
        if (warnings.identifierExists(identifier)) {
            throw new ProblemException.Conflict("cap.duplicate", "该 CAP 消息（identifier " + identifier + "）已导入");
        }
        List<Element> infos = CapDocuments.children(alert, "info");
        if (infos.isEmpty()) {
            throw new ProblemException.InvalidField("info", "cap.no-info", "没有 info 段，无法转为预警");
        }
        Element info = infos.stream().filter(i -> String.valueOf(CapDocuments.child(i, "language")).startsWith("zh"))
                .findFirst().orElse(infos.get(0));
        List<Polygon> polygons = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Element area : CapDocuments.children(info, "area")) {
            for (Element polygon : CapDocuments.children(area, "polygon")) {
                List<double[]> points = new ArrayList<>();
                for (String pair : polygon.getTextContent().strip().split("\\s+")) {
                    String[] latLon = pair.split(",");
                    points.add(new double[]{Double.parseDouble(latLon[1]), Double.parseDouble(latLon[0])});
                }
                polygons.add(WarningArea.polygon(points));
            }
            for (Element geocode : CapDocuments.children(area, "geocode")) {
                String value = CapDocuments.child(geocode, "value");
                if (value != null && regions.exists(value)) {
                    codes.add(value);
                }
            }
        }
        tools.jackson.databind.JsonNode areaJson = null;
        if (!polygons.isEmpty()) {
            MultiPolygon multi = GeoJsonGeometries.FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
            areaJson = json.readTree(WarningArea.write(multi));
            List<FieldProblem> problems = areas.problems("polygon", areaJson);
            if (!problems.isEmpty()) {
                throw new ProblemException.Invalid(problems);
            }
        }
        if (areaJson == null && codes.isEmpty()) {
            throw new ProblemException.InvalidField("area", "cap.area-unknown",
                    "区域既无 polygon，也无可识别的行政区划代码（geocode " + CapDocuments.GEOCODE + "）：不在本市范围");
        }
        String sent = CapDocuments.child(alert, "sent");
        String effective = CapDocuments.child(info, "effective");
        String expires = CapDocuments.child(info, "expires");
        OffsetDateTime effectiveAt = OffsetDateTime.parse(effective != null ? effective : sent);
        WarningDraft draft = new WarningDraft(
                EventType.fromLabel(CapDocuments.child(info, "event"), CapDocuments.child(info, "category")),
                WarningLevel.fromCapSeverity(CapDocuments.child(info, "severity")),
                orElse(CapDocuments.child(info, "headline"), CapDocuments.child(info, "event")),
                orElse(CapDocuments.child(info, "description"), CapDocuments.child(info, "event")),
                orElse(CapDocuments.child(info, "instruction"), "请关注官方发布的后续信息"),
                orElse(CapDocuments.child(info, "senderName"), CapDocuments.child(alert, "sender")),
                effectiveAt.toInstant(),
                expires != null ? OffsetDateTime.parse(expires).toInstant() : effectiveAt.plusHours(24).toInstant(),
                areaJson, codes, null);
        return warnings.importPublished(user, draft, identifier, CapDocuments.child(alert, "sender"),
                OffsetDateTime.parse(sent).toInstant());
    }

    List<CapDocuments.Violation> check(String document) {
        return cap.validate(document.getBytes(StandardCharsets.UTF_8));
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
