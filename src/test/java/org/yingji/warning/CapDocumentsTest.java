package org.yingji.warning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Our copy of the CAP 1.2 schema plus section-3 rules, checked against the standard's own examples. */
class CapDocumentsTest {

    final CapDocuments cap = new CapDocuments(new WarningSettings(null, null, null, null, null));

    CapDocumentsTest() throws Exception {
    }

    static byte[] example(String name) throws IOException {
        try (InputStream in = CapDocumentsTest.class.getResourceAsStream("/warning/cap/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a1-homeland-security.xml", "a2-thunderstorm.xml", "a3-earthquake.xml", "a4-amber.xml"})
    void acceptsEveryExampleOfTheStandard(String name) throws IOException {
        assertThat(cap.validate(example(name))).isEmpty();
    }

    @Test
    void listsEveryViolationOfABrokenAlert() throws IOException {
        String broken = new String(example("a2-thunderstorm.xml"), StandardCharsets.UTF_8)
                .replace("<status>Actual</status>", "<status>Real</status>")
                .replace("<msgType>Alert</msgType>", "<msgType>Update</msgType>")
                .replace("38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14",
                        "38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89")
                .replace("<identifier>KSTO1055887203</identifier>", "<identifier>KSTO 1055887203</identifier>");
        List<CapDocuments.Violation> violations = cap.validate(broken.getBytes(StandardCharsets.UTF_8));
        assertThat(violations).extracting(CapDocuments.Violation::rule)
                .contains("xsd", "identifier.characters", "references.required", "polygon.closed");
        assertThat(violations.stream().filter(v -> v.rule().equals("xsd")).findFirst().orElseThrow().line())
                .isEqualTo(6);
    }

    @Test
    void refusesAnAlertMissingMandatoryElementsWithTheirNames() {
        String doc = """
                <?xml version="1.0" encoding="UTF-8"?>
                <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
                  <identifier>X1</identifier>
                  <sent>2026-06-01T10:00:00-00:00</sent>
                  <status>Actual</status>
                  <msgType>Alert</msgType>
                  <scope>Public</scope>
                </alert>""";
        List<CapDocuments.Violation> violations = cap.validate(doc.getBytes(StandardCharsets.UTF_8));
        assertThat(violations).extracting(CapDocuments.Violation::message).anyMatch(m -> m.contains("sender"));
    }

    @Test
    void refusesDocumentTypeDeclarations() {
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE alert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"><identifier>&x;</identifier></alert>";
        assertThat(cap.validate(doc.getBytes(StandardCharsets.UTF_8))).isNotEmpty();
    }
}
