package io.jenkins.plugins.mlcd;

import hudson.AbortException;
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
import io.mlcd.util.InputException;
import io.mlcd.util.KeyValues;
import io.mlcd.util.Progress;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the drift check on the agent: profiles (or reads profiles of) the reference and current
 * files in the workspace, tests every column, writes the report files and returns the report
 * JSON. Like {@link ValidationCallable}, it carries only strings.
 */
final class DriftCallable extends MasterToSlaveFileCallable<String> {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> reference;
    private final ArrayList<String> current;
    private final String test;
    private final ArrayList<String> columnTests;
    private final ArrayList<String> columnThresholds;
    private final ArrayList<String> columnTypes;
    private final Double threshold;
    private final String predictionColumn;
    private final String targetColumn;
    private final StepPolicy gating;

    DriftCallable(final CheckDriftStep step) {
        this.reference = new ArrayList<>(step.getReference().require("reference"));
        this.current = new ArrayList<>(step.getCurrent().require("current"));
        this.test = step.getTest();
        this.columnTests = new ArrayList<>(step.getColumnTests().require("columnTests"));
        this.columnThresholds = new ArrayList<>(step.getColumnThresholds().require("columnThresholds"));
        this.columnTypes = new ArrayList<>(step.getColumnTypes().require("columnTypes"));
        this.threshold = step.getThreshold();
        this.predictionColumn = step.getPredictionColumn();
        this.targetColumn = step.getTargetColumn();
        this.gating = new StepPolicy(step);
    }

    @Override
    public String invoke(final File workspace, final VirtualChannel channel) throws IOException, InterruptedException {
        try {
            var spec = new DriftSpec(test == null ? null : DriftTest.fromId(test),
                    KeyValues.parse("columnTests", columnTests, DriftTest::fromId), threshold,
                    KeyValues.parse("columnThresholds", columnThresholds,
                            text -> KeyValues.number("columnThresholds", text)),
                    predictionColumn, targetColumn);
            var types = KeyValues.parse("columnTypes", columnTypes, text -> ColumnType.fromUser("columnTypes", text));
            var referenceProfile = Profiles.load(paths(workspace, reference), types, Progress.NONE);
            var currentProfile = Profiles.load(paths(workspace, current), types, Progress.NONE);
            var result = new DriftDetector(spec).detect(referenceProfile, currentProfile,
                    gating.read(workspace, new DriftCatalog()));
            var report = DriftJson.of(result, Instant.now());
            new ReportWriter(DriftHtml::of).write(gating.reportFolder(workspace), "drift", report);
            return report.toString();
        }
        catch (InputException e) {
            throw new AbortException("checkDrift: " + e.getMessage());
        }
    }

    private static List<Path> paths(final File workspace, final List<String> names) {
        var paths = new ArrayList<Path>();
        names.forEach(name -> paths.add(Workspaces.file(workspace, name).toPath()));
        return paths;
    }
}
