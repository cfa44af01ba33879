package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.drift.ColumnType;
import io.mlcd.drift.DriftCatalog;
import io.mlcd.drift.DriftDetector;
import io.mlcd.drift.DriftSpec;
import io.mlcd.drift.DriftTest;
import io.mlcd.drift.Profiles;
import io.mlcd.report.DriftJson;
import io.mlcd.util.KeyValues;
import io.mlcd.util.Progress;
import io.mlcd.util.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code checkDrift}'s work, as {@code mlcd drift} does it: profiles (or reads profiles of) the
 * reference and current files in the workspace, tests every column, evaluates the gates, stages
 * the report files and returns them with the report document ({@link ReportDraft}). The
 * {@code column=value} options are parsed here, with the option names {@code checkDrift} gives them.
 */
public record DriftJob(List<String> reference, List<String> current, @CheckForNull String test,
        List<String> columnTests, List<String> columnThresholds, List<String> columnTypes, @CheckForNull Double threshold,
        @CheckForNull String predictionColumn, @CheckForNull String targetColumn, WorkspaceGates gating)
        implements WorkspaceJob<ReportDraft> {
    private static final long serialVersionUID = 1L;

    public DriftJob {
        reference = List.copyOf(reference);
        current = List.copyOf(current);
        columnTests = List.copyOf(columnTests);
        columnThresholds = List.copyOf(columnThresholds);
        columnTypes = List.copyOf(columnTypes);
    }

    @Override
    public ReportDraft run(final Path workspace) {
        gating.checkReportFolder(workspace);
        var spec = new DriftSpec(test == null ? null : DriftTest.fromId(test),
                KeyValues.parse("columnTests", columnTests, DriftTest::fromId), threshold,
                KeyValues.parse("columnThresholds", columnThresholds, text -> KeyValues.number("columnThresholds", text)),
                predictionColumn, targetColumn);
        var types = KeyValues.parse("columnTypes", columnTypes, text -> ColumnType.fromUser("columnTypes", text));
        var profiles = Profiles.loadAll(List.of(files(workspace, reference), files(workspace, current)), types,
                Progress.NONE);
        var result = new DriftDetector(spec).detect(profiles.get(0), profiles.get(1),
                gating.policy(workspace, new DriftCatalog()));
        var report = DriftJson.of(result, Instant.now());
        return gating.stage(workspace, ReportKind.DRIFT, report);
    }

    private static List<Path> files(final Path workspace, final List<String> names) {
        return names.stream().map(name -> Workspace.file(workspace.toFile(), name)).toList();
    }
}
