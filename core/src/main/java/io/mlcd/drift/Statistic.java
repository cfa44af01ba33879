package io.mlcd.drift;

/**
 * The result of one drift test on one column.
 *
 * @param statistic  the test statistic: D for ks, chi² for chisquare, z for z, else the distance
 * @param pValue     the p-value, or NaN for distance tests
 * @param exact      whether it was computed from all values (else from sketches)
 * @param errorBound bound on the error of the statistic when computed from sketches, else 0
 */
record Statistic(double statistic, double pValue, boolean exact, double errorBound) {
    /** The number compared with the threshold: the p-value for p-value tests, else the statistic. */
    double score(final DriftTest test) {
        return test.isPValue() ? pValue : statistic;
    }
}
