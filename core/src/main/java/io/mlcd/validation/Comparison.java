package io.mlcd.validation;

/**
 * Challenger against baseline on the same rows for one metric, with a paired test.
 *
 * @param test     the test's name, e.g. {@code DeLong} or {@code McNemar (exact)}
 * @param ciLower  lower end of the 95% confidence interval of the delta
 * @param ciUpper  upper end of the 95% confidence interval of the delta
 * @param pValue   two-sided p-value of "no difference"
 * @param detail   one line on what the test counted, for reports
 */
public record Comparison(String metric, String test, double challenger, double baseline, double delta,
        double ciLower, double ciUpper, double pValue, String detail) {
    /** Confidence level of every interval mlcd reports. */
    public static final double CONFIDENCE = 0.95;
}
