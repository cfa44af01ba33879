package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.quality.MetricHistory;
import io.mlcd.registry.DataHistoryReader;
import io.mlcd.registry.Mlflow;
import io.mlcd.util.InputException;
import io.mlcd.util.Names;
import java.util.List;

/**
 * Where {@code validateData} records its report and keeps its history series: an MLflow run
 * ({@code runId}) or a model version's run ({@code name} and {@code version}), as
 * {@code mlcd validate-data --run-id} or {@code --model/--version}; not both, since both would
 * append each history point twice when the version's run is that run. Checked when the step starts;
 * the history is read on the controller, which reaches MLflow.
 */
public record DataRecordTarget(@CheckForNull String runId, @CheckForNull String model, @CheckForNull String version) {
    public DataRecordTarget {
        if (version != null && model == null) {
            throw new InputException("version needs name (the registered model)");
        }
        if (model != null && version == null) {
            throw new InputException("name needs version (the model version to record on)");
        }
        if (runId != null && version != null) {
            throw new InputException("record in a run (runId) or a model version (name, version), not both");
        }
        Names.version("version", version);
    }

    /** Whether anything is recorded at all. */
    public boolean isSet() {
        return runId != null || version != null;
    }

    /**
     * Refuses a history without a record to read it from, as {@code mlcd validate-data} does.
     *
     * @param history how many earlier points the step asks for, null for none
     */
    public void checkHistory(@CheckForNull final Integer history) {
        if (history != null && !isSet()) {
            throw new InputException("history needs the records to compare with: give runId, or name and version");
        }
    }

    /**
     * The last {@code points} points of the dataset's history series in the run (or the version's run),
     * oldest first; empty series on a first record.
     *
     * @param columns the schema's columns, whose completeness and mean series are read
     * @throws InputException when there is no run or version to read from, or no such version
     */
    public MetricHistory history(final Mlflow mlflow, final String dataset, final List<String> columns,
            final int points) {
        checkHistory(points);
        var reader = new DataHistoryReader(mlflow);
        return new MetricHistory(points, runId != null ? reader.read(runId, dataset, columns, points)
                : reader.readVersion(model, version, dataset, columns, points));
    }
}
