package io.mlcd.spark;

import io.mlcd.drift.DriftDetector;
import io.mlcd.drift.DriftResult;
import io.mlcd.drift.DriftSpec;
import io.mlcd.drift.Profile;
import io.mlcd.gate.Policy;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Drift between two Spark data sets (or a stored profile and a data set), as {@code mlcd drift}
 * finds it: both sides profiled on the cluster ({@link SparkProfiles}), then core's
 * {@link DriftDetector} on the profiles, so tests, verdicts and reports are the CLI's.
 */
public final class SparkDrift {
    private SparkDrift() {
    }

    /** Both sides profiled with the column types of their Spark schemas, named "reference" and "current". */
    public static DriftResult detect(final Dataset<Row> reference, final Dataset<Row> current, final DriftSpec spec,
            final Policy policy) {
        return detect(SparkProfiles.profile(reference, ProfileOptions.named("reference")), current,
                ProfileOptions.named("current"), spec, policy);
    }

    /** A stored reference profile (e.g. of the training set) against current data profiled on the cluster. */
    public static DriftResult detect(final Profile reference, final Dataset<Row> current, final ProfileOptions options,
            final DriftSpec spec, final Policy policy) {
        return new DriftDetector(spec).detect(reference, SparkProfiles.profile(current, options), policy);
    }
}
