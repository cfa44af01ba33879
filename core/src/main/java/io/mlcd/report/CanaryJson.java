package io.mlcd.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlcd.canary.RolloutResult;
import io.mlcd.canary.StepRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code canary.json}: the rollout's verdict, plan, status and reason, final weight, and every
 * analysed step with both sides' metrics and each gate's outcome. {@code gates} at the top are
 * those of the last analysis, the one that decided (JUnit XML lists them).
 */
public final class CanaryJson {
    public static final String SCHEMA = "mlcd.canary/1";

    private CanaryJson() {
    }

    /**
     * @param context where the rollout ran: model name and version, router, metric source (shown as given)
     */
    public static ObjectNode of(final RolloutResult result, final Map<String, String> context, final Instant createdAt) {
        var state = result.state();
        var plan = result.plan();
        var root = JsonNodeFactory.instance.objectNode();
        root.put("schema", SCHEMA);
        root.put("command", "canary");
        root.put("mlcd_version", Version.current());
        root.put("created_at", createdAt.toString());
        root.put("verdict", result.verdict().name());
        root.put("summary", result.summary());
        root.put("status", state.status().name());
        root.put("reason", state.reason());
        root.put("final_weight", state.weight());
        var where = root.putObject("context");
        context.forEach(where::put);
        var planNode = root.putObject("plan");
        var weights = planNode.putArray("weights");
        plan.weights().forEach(weights::add);
        planNode.put("pause_seconds", plan.pause().toMillis() / 1000.0);
        planNode.put("min_requests", plan.minRequests());
        planNode.put("confidence", plan.confidence());
        planNode.put("failure_limit", plan.failureLimit());
        planNode.put("inconclusive_limit", plan.inconclusiveLimit());
        planNode.put("manual_gate", plan.manualGate());
        var approvals = planNode.putArray("approve_before");
        plan.approveBefore().stream().sorted().forEach(approvals::add);
        var steps = root.putArray("steps");
        for (StepRecord step : state.history()) {
            var node = steps.addObject();
            node.put("weight", step.weight());
            node.put("from", step.from().toString());
            node.put("to", step.to().toString());
            node.put("outcome", step.outcome().name());
            metrics(node.putObject("canary"), step.canary());
            metrics(node.putObject("baseline"), step.baseline());
            gates(node.putArray("gates"), step.gates());
        }
        var last = state.history().isEmpty() ? null : state.history().get(state.history().size() - 1);
        // the deciding window's canary metrics and gates, where validate and drift reports keep theirs
        metrics(root.putObject("metrics"), last == null ? Map.of() : last.canary());
        gates(root.putArray("gates"), last == null ? List.of() : last.gates());
        return root;
    }

    private static void metrics(final ObjectNode node, final Map<String, Double> values) {
        values.forEach((key, value) -> {
            if (Double.isFinite(value)) {
                node.put(key, value);
            }
            else {
                node.putNull(key);
            }
        });
    }

    private static void gates(final ArrayNode array, final List<StepRecord.GateRecord> gates) {
        for (StepRecord.GateRecord gate : gates) {
            array.addObject().put("expression", gate.expression()).put("severity", gate.severity())
                    .put("outcome", gate.outcome()).put("message", gate.message());
        }
    }
}
