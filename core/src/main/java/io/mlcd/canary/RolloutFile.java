package io.mlcd.canary;

import com.fasterxml.jackson.databind.JsonNode;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.Policy;
import io.mlcd.gate.PolicyReader;
import io.mlcd.util.Durations;
import io.mlcd.util.InputException;
import io.mlcd.util.YamlFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A rollout described in YAML; every key is optional, command-line options win over it:
 * <pre>
 * weights: [5, 25, 50, 100]
 * pause: 5m
 * min_requests: 200
 * confidence: 0.95
 * failure_limit: 0
 * inconclusive_limit: 2
 * manual_gate: true
 * approve_before: [100]
 * gates:
 *   - error_rate &lt;= baseline + 1%
 *   - latency_p95 &lt;= baseline * 1.2
 * warn:
 *   - prediction_drift_p_value &gt;= 0.001
 * </pre>
 */
public record RolloutFile(@CheckForNull List<Integer> weights, @CheckForNull Duration pause,
        @CheckForNull Long minRequests, @CheckForNull Double confidence, @CheckForNull Integer failureLimit,
        @CheckForNull Integer inconclusiveLimit, @CheckForNull Boolean manualGate, Set<Integer> approveBefore,
        Policy policy) {
    private static final Set<String> KEYS = Set.of("weights", "pause", "min_requests", "confidence", "failure_limit",
            "inconclusive_limit", "manual_gate", "approve_before", "gates", "warn");

    public RolloutFile {
        approveBefore = Set.copyOf(approveBefore);
    }

    public static RolloutFile read(final Path file, final GateParser parser) {
        UserFile.checkReadable("the rollout file", file);
        return of(file, YamlFiles.read(file, "rollout file"), parser);
    }

    /** The YAML text of a rollout file; {@code file} only names it in messages (a Pipeline passes the text). */
    public static RolloutFile parse(final Path file, final String yaml, final GateParser parser) {
        return of(file, YamlFiles.parse(file, yaml, "rollout file"), parser);
    }

    private static RolloutFile of(final Path file, final JsonNode root, final GateParser parser) {
        if (!root.isObject()) {
            throw new InputException("the rollout file %s must be a mapping (weights:, pause:, gates:, …)", file);
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                throw new InputException("the rollout file %s has an unknown key '%s' (known: %s)", file, key,
                        String.join(", ", KEYS.stream().sorted().toList()));
            }
        });
        List<Integer> weights = null;
        if (root.has("weights")) {
            if (!root.get("weights").isArray()) {
                throw new InputException("the rollout file %s: 'weights' must be a list such as [5, 25, 50, 100]", file);
            }
            weights = new ArrayList<>();
            for (JsonNode weight : root.get("weights")) {
                weights.add(integer(file, "weights", weight));
            }
        }
        var approvals = new java.util.HashSet<Integer>();
        if (root.has("approve_before")) {
            if (!root.get("approve_before").isArray()) {
                throw new InputException("the rollout file %s: 'approve_before' must be a list of weights", file);
            }
            root.get("approve_before").forEach(weight -> approvals.add(integer(file, "approve_before", weight)));
        }
        var pause = root.has("pause") ? Durations.parse(file + ": pause", root.get("pause").asText()) : null;
        return new RolloutFile(weights, pause,
                root.has("min_requests") ? (long) integer(file, "min_requests", root.get("min_requests")) : null,
                root.has("confidence") ? number(file, "confidence", root.get("confidence")) : null,
                root.has("failure_limit") ? integer(file, "failure_limit", root.get("failure_limit")) : null,
                root.has("inconclusive_limit") ? integer(file, "inconclusive_limit", root.get("inconclusive_limit")) : null,
                root.has("manual_gate") ? bool(file, root.get("manual_gate")) : null, approvals,
                new PolicyReader(parser).gates(file, root));
    }

    private static int integer(final Path file, final String key, final JsonNode node) {
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new InputException("the rollout file %s: '%s' must be a whole number, got '%s'", file, key, node.asText());
        }
        return node.asInt();
    }

    private static double number(final Path file, final String key, final JsonNode node) {
        if (!node.isNumber()) {
            throw new InputException("the rollout file %s: '%s' must be a number, got '%s'", file, key, node.asText());
        }
        return node.asDouble();
    }

    private static boolean bool(final Path file, final JsonNode node) {
        if (!node.isBoolean()) {
            throw new InputException("the rollout file %s: 'manual_gate' must be true or false", file);
        }
        return node.asBoolean();
    }
}
