package io.mlcd.step;

/** A link from a report to what it was recorded on, in the MLflow UI: never with a user name or password. */
public record ReportLink(String label, String url) {
}
