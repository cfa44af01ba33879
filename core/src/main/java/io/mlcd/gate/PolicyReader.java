package io.mlcd.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcd.util.InputException;
import io.mlcd.util.YamlFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads gates from a YAML policy file:
 * <pre>
 * gates:                                   # severity FAIL unless said otherwise
 *   - roc_auc &gt;= 0.85
 *   - expression: log_loss &lt;= baseline * 1.05
 *     severity: warn
 * warn:                                    # severity WARN
 *   - demographic_parity_difference[sex] &lt;= 0.1
 * </pre>
 */
public final class PolicyReader {
    private static final Set<String> TOP_LEVEL = Set.of("gates", "warn");
    private static final Set<String> GATE_FIELDS = Set.of("expression", "severity");

    private final GateParser parser;

    public PolicyReader(final GateParser parser) {
        this.parser = parser;
    }

    /** Reads a policy file ({@link YamlFiles}' rules); a policy without any gate is refused. */
    public Policy read(final Path file) {
        var root = YamlFiles.read(file, "policy file");
        if (root.isMissingNode() || root.isNull()) {
            throw new InputException("policy file %s is empty; it needs a 'gates:' or 'warn:' list", file);
        }
        if (!root.isObject()) {
            throw new InputException("policy file %s: expected a mapping with 'gates:' and/or 'warn:'", file);
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!TOP_LEVEL.contains(name)) {
                throw new InputException("policy file %s: unknown key '%s' (known: gates, warn)", file, name);
            }
        });
        var policy = gates(file, root);
        if (policy.gates().isEmpty()) {
            throw new InputException("policy file %s has no gates: its 'gates:' and 'warn:' lists are empty", file);
        }
        return policy;
    }

    /** The {@code gates:} and {@code warn:} lists of a parsed YAML document that may hold more. */
    public Policy gates(final Path file, final JsonNode root) {
        var gates = new ArrayList<Gate>();
        gates.addAll(list(file, root.path("gates"), "gates", Severity.FAIL));
        gates.addAll(list(file, root.path("warn"), "warn", Severity.WARN));
        return new Policy(gates);
    }

    private List<Gate> list(final Path file, final JsonNode node, final String key, final Severity severity) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InputException("policy file %s: '%s' must be a list of gate expressions", file, key);
        }
        var gates = new ArrayList<Gate>();
        for (int i = 0; i < node.size(); i++) {
            gates.add(gate(file, node.get(i), key + "[" + i + "]", severity));
        }
        return gates;
    }

    private Gate gate(final Path file, final JsonNode entry, final String where, final Severity severity) {
        if (entry.isTextual()) {
            return parse(file, where, entry.asText(), severity);
        }
        if (!entry.isObject() || !entry.path("expression").isTextual()) {
            throw new InputException("policy file %s, %s: expected an expression string or "
                    + "{expression: ..., severity: fail|warn}", file, where);
        }
        entry.fieldNames().forEachRemaining(name -> {
            if (!GATE_FIELDS.contains(name)) {
                throw new InputException("policy file %s, %s: unknown key '%s' (known: expression, severity)",
                        file, where, name);
            }
        });
        var chosen = entry.has("severity") ? severity(file, where, entry.get("severity").asText()) : severity;
        return parse(file, where, entry.get("expression").asText(), chosen);
    }

    private Gate parse(final Path file, final String where, final String expression, final Severity severity) {
        try {
            return parser.parse(expression, severity);
        }
        catch (InputException e) {
            throw new InputException("policy file %s, %s: %s", file, where, e.getMessage());
        }
    }

    private static Severity severity(final Path file, final String where, final String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "fail" -> Severity.FAIL;
            case "warn" -> Severity.WARN;
            default -> throw new InputException("policy file %s, %s: severity '%s' is neither fail nor warn",
                    file, where, text);
        };
    }
}
