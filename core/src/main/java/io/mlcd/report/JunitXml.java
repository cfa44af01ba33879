package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The JUnit XML view of a report: one test case per gate, a failure for each gate that fell
 * short, so CI systems (Jenkins' junit step among them) list gates like tests. A WARN gate that
 * fell short is a failure of type {@code warning}; an ERROR outcome is a failure of type
 * {@code error}, since it counts as failed.
 */
public final class JunitXml {
    private JunitXml() {
    }

    /** @param report a report document with {@code command}, {@code summary} and {@code gates} */
    public static String of(final JsonNode report) {
        var command = report.path("command").asText("step");
        var gates = report.path("gates");
        var failures = 0;
        for (JsonNode gate : gates) {
            failures += "PASSED".equals(gate.path("outcome").asText()) ? 0 : 1;
        }
        var out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", "mlcd." + command);
            xml.writeAttribute("tests", Integer.toString(gates.size()));
            xml.writeAttribute("failures", Integer.toString(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("timestamp", report.path("created_at").asText(""));
            for (JsonNode gate : gates) {
                testCase(xml, command, gate);
            }
            xml.writeStartElement("system-out");
            xml.writeCharacters(report.path("summary").asText(""));
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        }
        catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static void testCase(final XMLStreamWriter xml, final String command, final JsonNode gate)
            throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "mlcd." + command + ".gates");
        xml.writeAttribute("name", "[" + gate.path("severity").asText() + "] " + gate.path("expression").asText());
        xml.writeAttribute("time", "0");
        var outcome = gate.path("outcome").asText();
        if (!"PASSED".equals(outcome)) {
            var type = "ERROR".equals(outcome) ? "error" : "WARN".equals(gate.path("severity").asText())
                    ? "warning" : "failure";
            xml.writeStartElement("failure");
            xml.writeAttribute("type", type);
            xml.writeAttribute("message", gate.path("message").asText());
            xml.writeCharacters(outcome + ": " + gate.path("message").asText());
            xml.writeEndElement();
        }
        else {
            xml.writeStartElement("system-out");
            xml.writeCharacters(gate.path("message").asText());
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
}
