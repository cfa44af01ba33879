package io.mlcd.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The JUnit XML view parses with a real XML parser whatever the report's texts hold. */
public class JunitXmlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode report(final String expression, final String severity, final String outcome,
            final String message) {
        var report = JSON.createObjectNode().put("command", "validate").put("created_at", "2026-12-01T10:00:00Z")
                .put("summary", "FAILED: " + message);
        report.putArray("gates").addObject().put("expression", expression).put("severity", severity)
                .put("outcome", outcome).put("message", message);
        return report;
    }

    private static Document parse(final String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void shouldNameTestCasesAfterTheGateAndKeepSeverityAsAProperty() throws Exception {
        var document = parse(JunitXml.of(report("roc_auc >= 0.75", "FAIL", "PASSED", "roc_auc = 0.8 >= 0.75")));

        var testCase = (Element) document.getElementsByTagName("testcase").item(0);
        assertThat(testCase.getAttribute("name")).isEqualTo("roc_auc >= 0.75");
        assertThat(testCase.getAttribute("classname")).isEqualTo("mlcd.validate.gates");
        var properties = testCase.getElementsByTagName("property");
        assertThat(((Element) properties.item(0)).getAttribute("name")).isEqualTo("severity");
        assertThat(((Element) properties.item(0)).getAttribute("value")).isEqualTo("FAIL");
        assertThat(((Element) properties.item(1)).getAttribute("value")).isEqualTo("PASSED");
        assertThat(testCase.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    public void shouldMarkAShortfallByItsSeverityAndOutcome() throws Exception {
        var warned = parse(JunitXml.of(report("f1 >= 0.9", "WARN", "FAILED", "f1 = 0.8 is not >= 0.9")));
        var failure = (Element) warned.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("warning");
        assertThat(failure.getAttribute("message")).isEqualTo("f1 = 0.8 is not >= 0.9");
        assertThat(failure.getTextContent()).isEqualTo("FAILED: f1 = 0.8 is not >= 0.9");
        assertThat(warned.getDocumentElement().getAttribute("failures")).isEqualTo("1");

        var error = parse(JunitXml.of(report("roc_auc >= 0.9", "FAIL", "ERROR", "roc_auc is missing")));
        assertThat(((Element) error.getElementsByTagName("failure").item(0)).getAttribute("type")).isEqualTo("error");
    }

    @Test
    public void shouldWriteCharactersXmlForbidsVisiblyAndKeepTheRest() throws Exception {
        var hostile = "recall[sex=F\u0001\u001b[31m\u0000\uFFFE\uD800] >= 0.5 <&\"'> Z\u00fcrich \uD83D\uDE00\t";
        var xml = JunitXml.of(report(hostile, "FAIL", "ERROR", hostile + " is missing"));

        var document = parse(xml);
        var testCase = (Element) document.getElementsByTagName("testcase").item(0);
        var visible = "recall[sex=F\\u0001\\u001B[31m\\u0000\\uFFFE\\uD800] >= 0.5 <&\"'> Z\u00fcrich \uD83D\uDE00\t";
        assertThat(testCase.getAttribute("name")).isEqualTo(visible.replace('\t', ' '));
        assertThat(document.getElementsByTagName("failure").item(0).getTextContent())
                .isEqualTo("ERROR: " + visible + " is missing");
        assertThat(document.getDocumentElement().getElementsByTagName("system-out").item(0).getTextContent())
                .isEqualTo("FAILED: " + visible + " is missing");
    }

    @Test
    public void shouldListEachConstraintOfADataValidationAsATestCaseBeforeTheGates() throws Exception {
        var report = report("anomalies <= 0", "FAIL", "FAILED", "anomalies = 1 is not <= 0").put("command",
                "validate-data");
        var constraints = report.putArray("constraints");
        constraints.addObject().put("name", "range[age] in [18, 95]").put("severity", "FAIL").put("outcome", "PASSED")
                .put("message", "0 values outside");
        constraints.addObject().put("name", "domain[region]").put("severity", "WARN").put("outcome", "FAILED")
                .put("message", "2 values not in the domain");

        var document = parse(JunitXml.of(report));

        assertThat(document.getDocumentElement().getAttribute("tests")).isEqualTo("3");
        assertThat(document.getDocumentElement().getAttribute("failures")).isEqualTo("2");
        var cases = document.getElementsByTagName("testcase");
        assertThat(((Element) cases.item(0)).getAttribute("classname")).isEqualTo("mlcd.validate-data.constraints");
        assertThat(((Element) cases.item(0)).getAttribute("name")).isEqualTo("range[age] in [18, 95]");
        var warned = (Element) cases.item(1);
        assertThat(warned.getAttribute("name")).isEqualTo("domain[region]");
        assertThat(((Element) warned.getElementsByTagName("failure").item(0)).getAttribute("type")).isEqualTo("warning");
        assertThat(((Element) cases.item(2)).getAttribute("classname")).isEqualTo("mlcd.validate-data.gates");
        assertThat(((Element) cases.item(2)).getAttribute("name")).isEqualTo("anomalies <= 0");
    }
}
