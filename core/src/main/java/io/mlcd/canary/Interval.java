package io.mlcd.canary;

/** A two-sided confidence interval around an estimate. */
public record Interval(double estimate, double lower, double upper) {
}
