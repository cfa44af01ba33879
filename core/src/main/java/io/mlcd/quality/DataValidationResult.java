package io.mlcd.quality;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.drift.Profile;
import io.mlcd.gate.GateResult;
import io.mlcd.gate.MetricValues;
import io.mlcd.gate.Verdict;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What validating a batch found.
 *
 * @param inputs        the batch's file names, in the order given
 * @param schemaName    the schema file's name
 * @param reference     the reference's source, null without one
 * @param fromProfiles  whether the batch was given as profiles (so some checks were decided from sketches)
 * @param schema        the schema checked against
 * @param profile       the batch's profile, as the pass built it or the profiles merged
 * @param constraints   every constraint's result, in schema order
 * @param gates         the constraints' gates, then the user's gates
 * @param anomalies     the failed constraints, most rows affected first
 * @param metrics       gate metrics ({@link DataCatalog})
 * @param history       the earlier points compared with, per series; empty without --history
 * @param historyPoints the points to append to the history series ({@link MetricHistory#key})
 */
public record DataValidationResult(List<String> inputs, String schemaName, @CheckForNull String reference,
        String dataset, boolean fromProfiles, DataSchema schema, Profile profile, List<ConstraintResult> constraints,
        List<GateResult> gates, List<Anomaly> anomalies, MetricValues metrics, MetricHistory history,
        Map<String, Double> historyPoints, Verdict verdict) {
    public DataValidationResult {
        inputs = List.copyOf(inputs);
        constraints = List.copyOf(constraints);
        gates = List.copyOf(gates);
        anomalies = List.copyOf(anomalies);
        historyPoints = Collections.unmodifiableMap(new LinkedHashMap<>(historyPoints));
    }
}
