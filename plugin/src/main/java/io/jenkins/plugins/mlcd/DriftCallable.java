package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.remoting.VirtualChannel;
import io.mlcd.drift.ColumnType;
import io.mlcd.drift.DriftCatalog;
import io.mlcd.drift.DriftDetector;
import io.mlcd.drift.DriftSpec;
import io.mlcd.drift.DriftTest;
import io.mlcd.drift.Profiles;
import io.mlcd.report.DriftHtml;
import io.mlcd.report.DriftJson;
import io.mlcd.report.ReportWriter;
import io.mlcd.util.KeyValues;
import io.mlcd.util.Progress;
import io.mlcd.util.Workspace;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jenkins.agents.ControllerToAgentFileCallable;

/**
 * Runs the drift check on the agent: profiles (or reads profiles of) the reference and current
 * files in the workspace, tests every column, writes the report files and returns the report
 * JSON. Like {@link ValidationCallable}, it carries only strings, lists and numbers.
 */
record DriftCallable(ArrayList<String> reference, ArrayList<String> current, @CheckForNull String test,
        ArrayList<String> columnTests, ArrayList<String> columnThresholds, ArrayList<String> columnTypes,
        @CheckForNull Double threshold, @CheckForNull String predictionColumn, @CheckForNull String targetColumn,
        StepPolicy gating) implements ControllerToAgentFileCallable<String> {
    private static final long serialVersionUID = 1L;

    DriftCallable(final CheckDriftStep step) {
        this(new ArrayList<>(step.getReference().require("reference")),
                new ArrayList<>(step.getCurrent().require("current")), step.getTest(),
                new ArrayList<>(step.getColumnTests().require("columnTests")),
                new ArrayList<>(step.getColumnThresholds().require("columnThresholds")),
                new ArrayList<>(step.getColumnTypes().require("columnTypes")), step.getThreshold(),
                step.getPredictionColumn(), step.getTargetColumn(), StepPolicy.of(step));
    }

    @Override
    public String invoke(final File workspace, final VirtualChannel channel) throws IOException {
        var spec = new DriftSpec(test == null ? null : DriftTest.fromId(test),
                KeyValues.parse("columnTests", columnTests, DriftTest::fromId), threshold,
                KeyValues.parse("columnThresholds", columnThresholds,
                        text -> KeyValues.number("columnThresholds", text)),
                predictionColumn, targetColumn);
        var types = KeyValues.parse("columnTypes", columnTypes, text -> ColumnType.fromUser("columnTypes", text));
        var result = new DriftDetector(spec).detect(Profiles.load(files(workspace, reference), types, Progress.NONE),
                Profiles.load(files(workspace, current), types, Progress.NONE),
                gating.read(workspace, new DriftCatalog()));
        var report = DriftJson.of(result, Instant.now());
        new ReportWriter(DriftHtml::of).write(gating.reportFolder(workspace), "drift", report);
        return report.toString();
    }

    private static List<Path> files(final File workspace, final List<String> names) {
        return names.stream().map(name -> Workspace.file(workspace, name)).toList();
    }
}
