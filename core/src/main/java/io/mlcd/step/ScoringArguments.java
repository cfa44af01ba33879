package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.scoring.AnswerFormat;
import io.mlcd.scoring.ScoringOptions;
import io.mlcd.scoring.ScoringSpec;
import io.mlcd.util.InputException;
import io.mlcd.util.Workspace;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The options of scoring a served model as {@code validateModel} (and {@code mlcd validate}) name
 * them, plain values that travel to a Jenkins agent; files relative to the workspace.
 *
 * @param data            the rows to score: every column but the label, id and {@code drop} columns is a feature
 * @param modelUrl        the model's address (MLflow scoring protocol), or null with {@code deployCommand}
 * @param deployCommand   a command that serves the model on {@code {port}}, or null with {@code modelUrl}
 * @param baselineUrl     the baseline (champion) model's address, or null
 * @param timeoutSeconds  limit of one request
 * @param scoreIndex      the component of a vector answer that is the score; null: the last
 * @param predictionField the field of an object answer that is the prediction, or null
 * @param name            the registered model for the deploy command's {@code {name}}, or null
 * @param version         its version, for {@code {version}}, or null
 * @param savePredictions where to keep the scored predictions, or null
 */
public record ScoringArguments(String data, List<String> drop, @CheckForNull String modelUrl,
        @CheckForNull String deployCommand, @CheckForNull String baselineUrl, int batchSize, int concurrency,
        long timeoutSeconds, int retries, @CheckForNull Integer scoreIndex, @CheckForNull String predictionField,
        @CheckForNull String name, @CheckForNull String version, @CheckForNull String savePredictions)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public ScoringArguments {
        drop = List.copyOf(drop);
    }

    /** The options, defaults for batching, concurrency, timeout and retries; the rest null. */
    public static ScoringArguments of(final String data, @CheckForNull final String modelUrl,
            @CheckForNull final String deployCommand) {
        var defaults = ScoringOptions.DEFAULTS;
        return new ScoringArguments(data, List.of(), modelUrl, deployCommand, null, defaults.batchSize(),
                defaults.concurrency(), defaults.timeout().toSeconds(), defaults.retries(), null, null, null, null,
                null);
    }

    /** Checked, with files resolved in the workspace (and refused when they leave it). */
    public ScoringSpec spec(final Path workspace) {
        if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
            throw new InputException("--timeout must be within 1..3600 seconds, got %d", timeoutSeconds);
        }
        var root = workspace.toFile();
        return new ScoringSpec(Workspace.file(root, data), drop, uri("--model-url", modelUrl), deployCommand,
                uri("--baseline-url", baselineUrl),
                new ScoringOptions(batchSize, concurrency, Duration.ofSeconds(timeoutSeconds), retries),
                new AnswerFormat(predictionField, scoreIndex == null ? AnswerFormat.LAST : scoreIndex), name, version,
                savePredictions == null ? null : Workspace.file(root, savePredictions));
    }

    @CheckForNull
    private static URI uri(final String option, @CheckForNull final String text) {
        if (text == null) {
            return null;
        }
        try {
            return new URI(text.strip());
        }
        catch (URISyntaxException e) {
            throw new InputException("%s is not a URL: %s", option, io.mlcd.util.SafeText.uri(e.getInput()));
        }
    }
}
