package io.mlcd.drift;

import io.mlcd.util.InputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The drift tests, each with its default threshold and its one inequality: p-value tests drift
 * when the p-value is at or below (ks) or below (chisquare, z) the threshold, as in Evidently;
 * distances drift when at or above it.
 */
public enum DriftTest {
    KS(0.05, true, true),
    CHISQUARE(0.05, true, false),
    Z(0.05, true, false),
    JENSENSHANNON(0.1, false, true),
    KL_DIV(0.1, false, true),
    PSI(0.1, false, true),
    WASSERSTEIN(0.1, false, true),
    HELLINGER(0.1, false, true);

    private final double defaultThreshold;
    private final boolean pValue;
    private final boolean inclusive;

    DriftTest(final double defaultThreshold, final boolean pValue, final boolean inclusive) {
        this.defaultThreshold = defaultThreshold;
        this.pValue = pValue;
        this.inclusive = inclusive;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public double defaultThreshold() {
        return defaultThreshold;
    }

    /** Whether the score compared with the threshold is a p-value (else a distance). */
    public boolean isPValue() {
        return pValue;
    }

    /**
     * Whether a threshold can mean something for this test: a p-value strictly between 0 and 1
     * (0 would never find drift, 1 always), a distance above 0, at most 1 for the distances that
     * never exceed 1 (Jensen-Shannon, Hellinger). Anything else decides every column the same way.
     */
    public boolean accepts(final double threshold) {
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            return false;
        }
        if (pValue) {
            return threshold < 1;
        }
        return !bounded() || threshold <= 1;
    }

    /** The thresholds {@link #accepts} takes, in words for messages. */
    public String thresholdRange() {
        if (pValue) {
            return "a p-value between 0 and 1 (exclusive)";
        }
        return bounded() ? "a distance above 0 and at most 1" : "a distance above 0";
    }

    private boolean bounded() {
        return this == JENSENSHANNON || this == HELLINGER;
    }

    /** Whether a score means drift under the threshold. */
    public boolean drifted(final double score, final double threshold) {
        if (pValue) {
            return inclusive ? score <= threshold : score < threshold;
        }
        return score >= threshold;
    }

    /** The rule in words, for reports: e.g. {@code p <= 0.05} or {@code distance >= 0.1}. */
    public String rule(final double threshold) {
        var symbol = pValue ? (inclusive ? "<=" : "<") : ">=";
        return (pValue ? "p-value " : "value ") + symbol + " " + io.mlcd.util.Numbers.format(threshold);
    }

    public static DriftTest fromId(final String id) {
        for (DriftTest test : values()) {
            if (test.id().equals(id)) {
                return test;
            }
        }
        throw new InputException("unknown drift test '%s' (known: %s)", id,
                Arrays.stream(values()).map(DriftTest::id).collect(Collectors.joining(", ")));
    }
}
