package io.mlcd.quality;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.data.RecordSource;
import io.mlcd.data.Tables;
import io.mlcd.drift.Binned;
import io.mlcd.drift.ColumnType;
import io.mlcd.drift.Profile;
import io.mlcd.drift.ProfileJson;
import io.mlcd.drift.Profiler;
import io.mlcd.drift.Profiles;
import io.mlcd.gate.Gate;
import io.mlcd.gate.GateEvaluator;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.Policy;
import io.mlcd.gate.Verdict;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entry point of data validation, shared by {@code mlcd validate-data} and the Jenkins step:
 * reads the batch (data files in one streaming pass with a {@link DataScan}, or profiles),
 * evaluates every constraint of the schema as a gate, then the user's gates on the
 * {@link DataCatalog} metrics, and says which constraints the batch broke (its anomalies).
 */
public final class DataValidator {
    private final DataSchema schema;
    @CheckForNull
    private final Profile reference;
    private final Policy policy;
    private final MetricHistory history;
    private final String dataset;
    private final String schemaName;

    public DataValidator(final DataSchema schema, final Optional<Profile> reference, final Policy policy,
            final MetricHistory history, final String dataset) {
        this(schema, reference, policy, history, dataset, "schema");
    }

    /** @param schemaName the schema file's name, for reports */
    public DataValidator(final DataSchema schema, final Optional<Profile> reference, final Policy policy,
            final MetricHistory history, final String dataset, final String schemaName) {
        this.schema = schema;
        this.reference = reference.orElse(null);
        this.policy = policy;
        this.history = history;
        this.dataset = dataset;
        this.schemaName = schemaName;
        checkGates();
        checkReference();
    }

    /** @param inputs data files (CSV, JSON Lines) or profiles ({@code .json}), not both; several are one batch */
    public DataValidationResult validate(final List<Path> inputs, final Progress progress) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input");
        }
        var profiles = inputs.stream().filter(Profiles::isProfileFile).count();
        if (profiles > 0 && profiles < inputs.size()) {
            throw new InputException("give the batch as data files or as profiles, not both (profiles: %s)",
                    String.join(", ", inputs.stream().filter(Profiles::isProfileFile).map(Path::toString).toList()));
        }
        var edges = skewEdges();
        Profile batch = null;
        DataScan scan = null;
        if (profiles > 0) {
            for (Path file : inputs) {
                var profile = ProfileJson.read(file);
                batch = batch == null ? profile : batch.merge(profile);
            }
        }
        else {
            var rules = new ScanPlan(schema, edges).rules();
            for (Path file : inputs) {
                var profiled = new Profiler(progress, typesIn(schema, file)).countingTypeMismatches().profile(file,
                        DataScan.of(rules));
                batch = batch == null ? profiled.profile() : batch.merge(profiled.profile());
                if (scan == null) {
                    scan = profiled.check();
                }
                else {
                    scan.merge(profiled.check());
                }
            }
        }
        return evaluate(inputs.stream().map(path -> path.getFileName().toString()).toList(), batch, scan, edges);
    }

    /**
     * The scans a pass over a batch runs on its rows, for a pass this validator does not make
     * itself (a distributed one): serializable, made for each part's header.
     */
    public DataScan.Scans scans() {
        return DataScan.of(new ScanPlan(schema, skewEdges()).rules());
    }

    /** Column types for a pass over a batch with this header: the schema's, for the columns it names. */
    public Map<String, ColumnType> types(final List<String> header) {
        return typesIn(schema, header);
    }

    /**
     * Validates a batch profiled and scanned elsewhere, with {@link #types} and {@link #scans()},
     * every value not of its column's type counted ({@link Profiler#countingTypeMismatches()}).
     *
     * @param names names the batch's inputs in the report
     */
    public DataValidationResult validate(final List<String> names, final Profile batch, final DataScan scan) {
        return evaluate(names, batch, scan, skewEdges());
    }

    private DataValidationResult evaluate(final List<String> names, final Profile batch, @CheckForNull final DataScan scan,
            final Map<String, double[]> edges) {
        var checks = new ConstraintChecks(batch, scan, reference, edges);
        var results = new ArrayList<ConstraintResult>();
        var notChecked = new ArrayList<String>();
        schema.rows().ifPresent(rows -> results.add(checks.check(rows)));
        var extra = new ArrayList<>(batch.columnNames());
        extra.removeAll(schema.columnNames());
        if (schema.newColumns() != DataSchema.NewColumns.IGNORE) {
            results.add(ConstraintChecks.newColumns(schema, extra, batch.rows()));
        }
        schema.primaryKey().ifPresent(key -> {
            var absent = key.columns().stream().filter(column -> batch.column(column).isEmpty()).toList();
            results.add(absent.isEmpty() ? checks.check(key) : ConstraintChecks.keyAbsent(key, absent));
        });
        for (ColumnSchema column : schema.columns()) {
            var present = batch.column(column.name()).isPresent();
            results.add(ConstraintChecks.presence(column, present, batch.rows(), column.constraints().size()));
            if (!present) {
                continue;
            }
            var typeCheck = column.type() != ColumnType.CATEGORICAL
                    || batch.column(column.name()).orElseThrow().type() != ColumnType.CATEGORICAL;
            if (typeCheck) {
                var type = checks.type(column);
                results.add(type);
                if (batch.column(column.name()).orElseThrow().type() != column.type()) {
                    continue; // a profile of another type says nothing about this column's constraints
                }
            }
            for (Constraint constraint : column.constraints()) {
                // as TFDV's skew comparators: compared only when there is something to compare with
                if (constraint instanceof Constraint.Skew && reference == null) {
                    notChecked.add(constraint.name());
                }
                else {
                    results.add(checks.check(constraint));
                }
            }
        }
        var anomalies = results.stream().filter(ConstraintResult::isAnomaly)
                .map(result -> new Anomaly(result.type(), result.column(), result.name(), result.severity(),
                        result.count() == null ? 0 : result.count(), result.count() == null ? 0
                                : (double) result.count() / batch.rows(), result.examples(), result.message()))
                .sorted(Comparator.comparingLong(Anomaly::count).reversed())
                .toList();
        var metrics = new DataMetrics(schema, batch, results, anomalies, history, dataset).values();
        var gates = new ArrayList<GateResult>();
        results.forEach(result -> gates.add(result.gateResult()));
        gates.addAll(new GateEvaluator(metrics, null, "data validation gates have no baseline").evaluate(policy.gates()));
        return new DataValidationResult(names, schemaName,
                reference == null ? null : reference.source(), dataset, scan == null, schema, batch, results, notChecked,
                gates, anomalies, metrics, history, DataMetrics.historyPoints(schema, batch, dataset), Verdict.of(gates));
    }

    /**
     * The reference for skew constraints: profiles as they are, data files profiled with the
     * schema's column types; several are merged.
     */
    public static Profile reference(final List<Path> files, final DataSchema schema, final Progress progress) {
        Profile merged = null;
        for (Path file : files) {
            var profile = Profiles.isProfileFile(file) ? ProfileJson.read(file)
                    : new Profiler(progress, typesIn(schema, file)).profile(file);
            merged = merged == null ? profile : merged.merge(profile);
        }
        if (merged == null) {
            throw new IllegalArgumentException("no reference files");
        }
        return merged;
    }

    /** Column types for the pass: the schema's, for the columns the file has. */
    private static Map<String, ColumnType> typesIn(final DataSchema schema, final Path file) {
        try (RecordSource source = Tables.open(file, Progress.NONE)) {
            return typesIn(schema, source.header());
        }
    }

    private static Map<String, ColumnType> typesIn(final DataSchema schema, final List<String> header) {
        var types = new HashMap<String, ColumnType>();
        schema.types().forEach((name, type) -> {
            if (header.contains(name)) {
                types.put(name, type);
            }
        });
        return types;
    }

    /** The reference's decile edges of each numeric column with a skew constraint. */
    private Map<String, double[]> skewEdges() {
        var edges = new LinkedHashMap<String, double[]>();
        if (reference == null) {
            return edges;
        }
        for (ColumnSchema column : schema.columns()) {
            var ref = reference.column(column.name());
            if (column.type() == ColumnType.NUMERIC && ref.isPresent() && ref.get().count() > 0
                    && column.constraints().stream().anyMatch(Constraint.Skew.class::isInstance)) {
                edges.put(column.name(), Binned.decileEdges(ref.get()));
            }
        }
        return edges;
    }

    /** A user gate on a column the schema does not name would be an ERROR at the end; say so now. */
    private void checkGates() {
        for (Gate gate : policy.gates()) {
            var column = gate.metric().qualifier();
            if (column != null && !gate.metric().name().equals("anomalies") && schema.column(column).isEmpty()) {
                throw new InputException("gate '%s' names column '%s', which the schema does not name (columns: %s)",
                        gate.expression(), column, String.join(", ", schema.columnNames()));
            }
        }
    }

    /** A skew constraint needs its column in the reference, with the same type. */
    private void checkReference() {
        if (reference == null) {
            return;
        }
        for (ColumnSchema column : schema.columns()) {
            if (column.constraints().stream().noneMatch(Constraint.Skew.class::isInstance)) {
                continue;
            }
            var ref = reference.column(column.name()).orElseThrow(() -> new InputException("skew[%s]: the reference %s "
                    + "has no column '%s'", column.name(), reference.source(), column.name()));
            if (ref.type() != column.type()) {
                throw new InputException("skew[%s]: the reference %s has '%s' as %s, the schema as %s", column.name(),
                        reference.source(), column.name(), ref.type().id(), column.type().id());
            }
        }
    }
}
