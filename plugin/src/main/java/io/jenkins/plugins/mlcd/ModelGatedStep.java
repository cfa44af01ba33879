package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.scoring.ScoringOptions;
import io.mlcd.step.ScoringArguments;
import java.util.List;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A workspace step that gates a model's answers, which it may get from a served model (MLflow's
 * scoring protocol): the options {@code mlcd} gives by {@code --model-url}, {@code --deploy-command},
 * how rows are sent, and how answers are read ({@code --decision-threshold}, {@code --positive-label},
 * {@code --task}). Checked in core ({@link ScoringArguments}); the scoring runs on the agent.
 */
public abstract class ModelGatedStep extends WorkspaceGatedStep {
    private String modelUrl;
    private String deployCommand;
    private Integer batchSize;
    private Integer concurrency;
    private Integer timeout;
    private Integer retries;
    private Integer scoreIndex;
    private String predictionField;
    private double decisionThreshold = 0.5;
    private String positiveLabel;
    private String task;

    @CheckForNull
    public String getModelUrl() {
        return modelUrl;
    }

    @DataBoundSetter
    public void setModelUrl(final String modelUrl) {
        this.modelUrl = blankToNull(modelUrl);
    }

    @CheckForNull
    public String getDeployCommand() {
        return deployCommand;
    }

    @DataBoundSetter
    public void setDeployCommand(final String deployCommand) {
        this.deployCommand = blankToNull(deployCommand);
    }

    @CheckForNull
    public Integer getBatchSize() {
        return batchSize;
    }

    @DataBoundSetter
    public void setBatchSize(final Integer batchSize) {
        this.batchSize = batchSize;
    }

    @CheckForNull
    public Integer getConcurrency() {
        return concurrency;
    }

    @DataBoundSetter
    public void setConcurrency(final Integer concurrency) {
        this.concurrency = concurrency;
    }

    @CheckForNull
    public Integer getTimeout() {
        return timeout;
    }

    /** Seconds one request may take. */
    @DataBoundSetter
    public void setTimeout(final Integer timeout) {
        this.timeout = timeout;
    }

    @CheckForNull
    public Integer getRetries() {
        return retries;
    }

    @DataBoundSetter
    public void setRetries(final Integer retries) {
        this.retries = retries;
    }

    @CheckForNull
    public Integer getScoreIndex() {
        return scoreIndex;
    }

    @DataBoundSetter
    public void setScoreIndex(final Integer scoreIndex) {
        this.scoreIndex = scoreIndex;
    }

    @CheckForNull
    public String getPredictionField() {
        return predictionField;
    }

    @DataBoundSetter
    public void setPredictionField(final String predictionField) {
        this.predictionField = blankToNull(predictionField);
    }

    public double getDecisionThreshold() {
        return decisionThreshold;
    }

    @DataBoundSetter
    public void setDecisionThreshold(final double decisionThreshold) {
        this.decisionThreshold = decisionThreshold;
    }

    @CheckForNull
    public String getPositiveLabel() {
        return positiveLabel;
    }

    @DataBoundSetter
    public void setPositiveLabel(final String positiveLabel) {
        this.positiveLabel = blankToNull(positiveLabel);
    }

    @CheckForNull
    public String getTask() {
        return task;
    }

    /** binary, multiclass or regression; empty: inferred. */
    @DataBoundSetter
    public void setTask(final String task) {
        this.task = blankToNull(task);
    }

    /** Whether a served model is named: then its answers are scored on the agent. */
    boolean isServed() {
        return modelUrl != null || deployCommand != null;
    }

    /**
     * The scoring options as core checks them; unset numbers take mlcd's defaults.
     *
     * @param name    the registered model for a deploy command's {@code {name}}, or null
     * @param version its version, for {@code {version}}, or null
     */
    ScoringArguments scoring(final String data, final List<String> drop, @CheckForNull final String baselineUrl,
            @CheckForNull final String name, @CheckForNull final String version,
            @CheckForNull final String savePredictions) {
        var defaults = ScoringOptions.DEFAULTS;
        return new ScoringArguments(data, drop, modelUrl, deployCommand, baselineUrl,
                batchSize == null ? defaults.batchSize() : batchSize,
                concurrency == null ? defaults.concurrency() : concurrency,
                timeout == null ? defaults.timeout().toSeconds() : timeout, retries == null ? defaults.retries() : retries,
                scoreIndex, predictionField, name, version, savePredictions);
    }
}
