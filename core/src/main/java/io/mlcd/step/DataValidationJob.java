package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.drift.Profile;
import io.mlcd.quality.ColumnSchema;
import io.mlcd.quality.DataCatalog;
import io.mlcd.quality.DataValidator;
import io.mlcd.quality.MetricHistory;
import io.mlcd.quality.SchemaYaml;
import io.mlcd.report.DataValidationJson;
import io.mlcd.util.InputException;
import io.mlcd.util.Numbers;
import io.mlcd.util.Progress;
import io.mlcd.util.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code validateData}'s work on the agent, as {@code mlcd validate-data} does it: reads the schema,
 * the batch (data files or profiles) and the reference in the workspace, validates, stages
 * {@code validate-data.json}, {@code .html} and {@code .junit.xml} in the report folder and returns
 * them with the report document ({@link ReportDraft}). Every file name is resolved in the workspace,
 * and the report folder checked, before anything is read.
 *
 * <p>With {@code history}, the earlier points of the dataset's series come from MLflow, which only
 * the controller reaches: it reads the schema's columns on the agent first ({@link #schemaColumns}),
 * then the series ({@link DataRecordTarget#history}), and sends them along ({@link #withHistory}).
 * A job asked for a history it was not given refuses to run, so a missing history is never read as
 * "no earlier record".
 *
 * @param history how many earlier points to compare with, null for none
 * @param earlier the earlier points per series (MetricHistory's keys), null until read
 */
public record DataValidationJob(List<String> data, String schema, List<String> reference, String dataset,
        @CheckForNull Integer history, @CheckForNull Map<String, List<Double>> earlier, WorkspaceGates gating)
        implements WorkspaceJob<ReportDraft> {
    /** As {@code mlcd validate-data --dataset}: the name becomes part of MLflow metric keys. */
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** As {@code mlcd validate-data --history}. */
    private static final int LONGEST_HISTORY = 1000;
    private static final long serialVersionUID = 1L;

    public DataValidationJob {
        data = List.copyOf(data);
        reference = List.copyOf(reference);
        if (data.isEmpty()) {
            throw new InputException("data names no file: give the batch's data files or profiles");
        }
        if (schema == null || schema.isBlank()) {
            throw new InputException("schema names no file: give the schema (YAML, mlcd infer-schema writes one)");
        }
        if (dataset == null || !DATASET.matcher(dataset).matches()) {
            throw new InputException("dataset: '%s' is not a name of 1 to 64 letters, digits, '_' or '-'", dataset);
        }
        if (history != null) {
            historyProblem(history.toString()).ifPresent(problem -> {
                throw new InputException(problem);
            });
        }
        if (earlier != null) {
            var copy = new LinkedHashMap<String, List<Double>>();
            earlier.forEach((key, points) -> copy.put(key, new ArrayList<>(points))); // serializable as it is
            earlier = copy;
        }
    }

    /**
     * Why a history typed in a form is not one: not a whole number, or not between 1 and
     * {@value #LONGEST_HISTORY}; empty when it is one or is left empty (no history).
     */
    public static Optional<String> historyProblem(@CheckForNull final String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        var whole = Numbers.wholeProblem(text.strip());
        if (whole.isPresent()) {
            return whole.map(problem -> "history: " + problem);
        }
        var value = Long.parseLong(text.strip());
        return value < 1 || value > LONGEST_HISTORY ? Optional.of(String.format(Locale.ROOT,
                "history must be between 1 and %d, got %d", LONGEST_HISTORY, value)) : Optional.empty();
    }

    /** A job with no history read yet. */
    public DataValidationJob(final List<String> data, final String schema, final List<String> reference,
            final String dataset, @CheckForNull final Integer history, final WorkspaceGates gating) {
        this(data, schema, reference, dataset, history, null, gating);
    }

    /** The same job with the earlier points read from MLflow. */
    public DataValidationJob withHistory(final MetricHistory read) {
        if (history == null || read.compared() != history) {
            throw new IllegalArgumentException("a history of " + read.compared() + " points for a job that asks "
                    + history);
        }
        return new DataValidationJob(data, schema, reference, dataset, history, read.series(), gating);
    }

    /** The agent's part before the history is read: the names of the schema's columns. */
    public WorkspaceJob<ArrayList<String>> schemaColumns() {
        return new SchemaColumns(schema);
    }

    @Override
    public ReportDraft run(final Path workspace) {
        if (history != null && earlier == null) {
            throw new IllegalStateException("validateData asks for a history of " + history + " points, which was "
                    + "not read");
        }
        var root = workspace.toFile();
        var schemaFile = Workspace.file(root, schema);
        var batch = data.stream().map(name -> Workspace.file(root, name)).toList();
        var references = reference.stream().map(name -> Workspace.file(root, name)).toList();
        gating.checkReportFolder(workspace);
        var policy = gating.policy(workspace, new DataCatalog());
        var parsed = SchemaYaml.read(schemaFile);
        var referenceProfile = references.isEmpty() ? Optional.<Profile>empty()
                : Optional.of(DataValidator.reference(references, parsed, Progress.NONE));
        var past = history == null ? MetricHistory.NONE : new MetricHistory(history, earlier);
        var result = new DataValidator(parsed, referenceProfile, policy, past, dataset,
                schemaFile.getFileName().toString()).validate(batch, Progress.NONE);
        var report = DataValidationJson.of(result, Instant.now());
        return gating.stage(workspace, ReportKind.DATA, report);
    }

    /** Reads the schema in the workspace and returns its column names, in schema order. */
    record SchemaColumns(String schema) implements WorkspaceJob<ArrayList<String>> {
        private static final long serialVersionUID = 1L;

        @Override
        public ArrayList<String> run(final Path workspace) {
            return new ArrayList<>(SchemaYaml.read(Workspace.file(workspace.toFile(), schema)).columns().stream()
                    .map(ColumnSchema::name).toList());
        }
    }
}
