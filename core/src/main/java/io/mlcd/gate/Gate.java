package io.mlcd.gate;

/**
 * One check with a threshold, as the user wrote it: {@code roc_auc >= baseline - 0.01}.
 *
 * @param expression the text the user wrote, kept verbatim for reports
 */
public record Gate(String expression, MetricKey metric, Operator operator, Threshold threshold,
        Severity severity) {
}
