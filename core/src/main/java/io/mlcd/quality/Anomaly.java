package io.mlcd.quality;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.gate.Severity;
import java.util.List;

/**
 * A constraint the batch broke.
 *
 * @param column     the column, or null for the data set (row count, new columns, a primary key)
 * @param constraint the constraint's name, e.g. {@code domain[region]}
 * @param count      rows affected (for a skew or a statistic, the column's readable values)
 * @param share      {@code count} / the batch's rows
 * @param examples   up to {@value DataScan#EXAMPLES} offending values in file order, as written
 */
public record Anomaly(AnomalyType type, @CheckForNull String column, String constraint, Severity severity, long count,
        double share, List<String> examples, String message) {
    public Anomaly {
        examples = List.copyOf(examples);
    }
}
