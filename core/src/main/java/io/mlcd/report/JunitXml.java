package io.mlcd.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The JUnit XML view of a report: one test case per gate, named after the gate's expression, with
 * its severity and outcome as properties, and a failure for each gate that fell short, so CI
 * systems (Jenkins' junit step among them) list gates like tests. A WARN gate that fell short is
 * a failure of type {@code warning}; an ERROR outcome is a failure of type {@code error}, since it
 * counts as failed. A data validation report's {@code constraints} come first, one test case
 * each (class {@code mlcd.validate-data.constraints}, named after the constraint), then its gates.
 *
 * <p>XML 1.0 cannot carry most control characters, not even escaped; any text that holds one
 * (a gate expression, a column name from the data) has it written as {@code \}{@code u0001}
 * instead, so the file always parses.
 */
public final class JunitXml {
    private JunitXml() {
    }

    /** @param report a report document with {@code command}, {@code summary} and {@code gates} */
    public static String of(final JsonNode report) {
        var command = report.path("command").asText("step");
        var gates = report.path("gates");
        var constraints = report.path("constraints");
        var failures = 0;
        for (JsonNode gate : gates) {
            failures += "PASSED".equals(gate.path("outcome").asText()) ? 0 : 1;
        }
        for (JsonNode constraint : constraints) {
            failures += "PASSED".equals(constraint.path("outcome").asText()) ? 0 : 1;
        }
        var out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", text("mlcd." + command));
            xml.writeAttribute("tests", Integer.toString(constraints.size() + gates.size()));
            xml.writeAttribute("failures", Integer.toString(failures));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("timestamp", text(report.path("created_at").asText("")));
            for (JsonNode constraint : constraints) {
                testCase(xml, "mlcd." + command + ".constraints", constraint.path("name").asText(), constraint);
            }
            for (JsonNode gate : gates) {
                testCase(xml, "mlcd." + command + ".gates", gate.path("expression").asText(), gate);
            }
            xml.writeStartElement("system-out");
            xml.writeCharacters(text(report.path("summary").asText("")));
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

    /** One gate, or one constraint of a data validation, as a test case named after it. */
    private static void testCase(final XMLStreamWriter xml, final String classname, final String name,
            final JsonNode gate) throws XMLStreamException {
        var severity = gate.path("severity").asText();
        var outcome = gate.path("outcome").asText();
        var message = text(gate.path("message").asText());
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", text(classname));
        xml.writeAttribute("name", text(name));
        xml.writeAttribute("time", "0");
        xml.writeStartElement("properties");
        property(xml, "severity", severity);
        property(xml, "outcome", outcome);
        xml.writeEndElement();
        if (!"PASSED".equals(outcome)) {
            var type = "ERROR".equals(outcome) ? "error" : "WARN".equals(severity) ? "warning" : "failure";
            xml.writeStartElement("failure");
            xml.writeAttribute("type", type);
            xml.writeAttribute("message", message);
            xml.writeCharacters(text(outcome) + ": " + message);
            xml.writeEndElement();
        }
        else {
            xml.writeStartElement("system-out");
            xml.writeCharacters(message);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void property(final XMLStreamWriter xml, final String name, final String value)
            throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", text(value));
    }

    /**
     * The text with every character XML 1.0 forbids (C0 controls but tab and line breaks, lone
     * surrogates, U+FFFE and U+FFFF) written visibly as {@code \}{@code uXXXX}.
     */
    static String text(final String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(character -> {
            if (allowed(character)) {
                out.appendCodePoint(character);
            }
            else {
                out.append(String.format(Locale.ROOT, "\\u%04X", character));
            }
        });
        return out.toString();
    }

    private static boolean allowed(final int character) {
        return character == '\t' || character == '\n' || character == '\r'
                || character >= 0x20 && character <= 0xD7FF || character >= 0xE000 && character <= 0xFFFD
                || character >= 0x10000 && character <= 0x10FFFF;
    }
}
