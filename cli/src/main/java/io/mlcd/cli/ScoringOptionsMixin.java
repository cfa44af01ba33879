package io.mlcd.cli;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.scoring.AnswerFormat;
import io.mlcd.scoring.HttpScorer;
import io.mlcd.scoring.Scorer;
import io.mlcd.scoring.ScoringOptions;
import io.mlcd.scoring.ServedModel;
import io.mlcd.util.Progress;
import io.mlcd.util.SafeText;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How a command reaches a served model and sends it rows: {@code --model-url} or
 * {@code --deploy-command}, batching, concurrency, timeout, retries, and how its answer is read.
 * Shared by {@code validate} and {@code robustness} (docs/scoring.md).
 */
final class ScoringOptionsMixin {
    @Option(names = "--model-url", paramLabel = "URL",
            description = "A served model speaking MLflow's scoring protocol (POST URL/invocations), e.g. "
                    + "what mlflow models serve runs; user:password@ in the URL is sent as basic auth, never shown.")
    private String modelUrl;

    @Option(names = "--deploy-command", paramLabel = "TEMPLATE",
            description = "Instead of --model-url: a command that serves the model on 127.0.0.1:{port} for this run "
                    + "(stopped after), e.g. 'mlflow models serve -m models:/{name}/{version} --env-manager local "
                    + "-h 127.0.0.1 -p {port}'; ready when /ping answers.")
    private String deployCommand;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "1000",
            description = "Rows per request (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Limit of one request, from sending to the end of the answer, 1 to 3600 (default: "
                    + "${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "2",
            description = "Further attempts of a failed batch (no connection, timeout, HTTP 408, 429 or 5xx, a bad "
                    + "answer), 0 to 10 (default: ${DEFAULT-VALUE}); then the command fails with exit status 2.")
    private int retries;

    @Option(names = "--score-index", paramLabel = "I",
            description = "When the model answers lists (predict_proba): the component that is the score, from 0 "
                    + "(default: the last, the positive class of a binary model).")
    private Integer scoreIndex;

    @Option(names = "--prediction-field", paramLabel = "NAME",
            description = "When the model answers objects or named columns: the field holding the prediction.")
    private String predictionField;

    /** Whether a served model is given (either option). */
    boolean given() {
        return modelUrl != null || deployCommand != null;
    }

    /** Checks the options before any work; a served model must be given when {@code required}. */
    void check(final CommandLine commandLine, final boolean required) {
        if (modelUrl != null && deployCommand != null) {
            throw new ParameterException(commandLine, "give --model-url or --deploy-command, not both");
        }
        if (required && !given()) {
            throw new ParameterException(commandLine, "give the model: --model-url URL or --deploy-command TEMPLATE");
        }
        if (modelUrl != null) {
            url(commandLine, "--model-url", modelUrl);
        }
        if (deployCommand != null && deployCommand.isBlank()) {
            throw new ParameterException(commandLine, "--deploy-command needs a command");
        }
        OptionValues.within("--timeout", timeoutSeconds, 1, 3600);
        options();
        format();
    }

    ScoringOptions options() {
        return new ScoringOptions(batchSize, concurrency, Duration.ofSeconds(timeoutSeconds), retries);
    }

    AnswerFormat format() {
        if (scoreIndex != null && scoreIndex < 0) {
            throw new io.mlcd.util.InputException("--score-index must be 0 or more, got %d", scoreIndex);
        }
        return new AnswerFormat(predictionField, scoreIndex == null ? AnswerFormat.LAST : scoreIndex);
    }

    @CheckForNull
    URI modelUrl(final CommandLine commandLine) {
        return modelUrl == null ? null : url(commandLine, "--model-url", modelUrl);
    }

    @CheckForNull
    String deployCommand() {
        return deployCommand;
    }

    /** A scorer for a model at this URL with these options. */
    Scorer scorer(final URI url, final Progress progress) {
        return new HttpScorer(url, options(), format(), progress);
    }

    /**
     * The served model: at --model-url, or started by --deploy-command ({@code {name}} and
     * {@code {version}} from these, which may be null), stopped on close.
     */
    Served open(final CommandLine commandLine, @CheckForNull final String name, @CheckForNull final String version,
            @CheckForNull final Path logDirectory, final Progress progress) {
        if (modelUrl != null) {
            return new Served(null, scorer(modelUrl(commandLine), progress));
        }
        var served = ServedModel.start(deployCommand, name, version, ServedModel.READY_WITHIN, logDirectory);
        try {
            return new Served(served, scorer(served.url(), progress));
        }
        catch (RuntimeException e) {
            served.close();
            throw e;
        }
    }

    /** A scorer and the model process behind it, if mlcd started one; closing stops both. */
    record Served(@CheckForNull ServedModel model, Scorer scorer) implements AutoCloseable {
        @Override
        public void close() {
            try {
                scorer.close();
            }
            finally {
                if (model != null) {
                    model.close();
                }
            }
        }
    }

    /** A URL option, checked; messages never show its user name or password. */
    static URI url(final CommandLine commandLine, final String option, final String text) {
        try {
            var url = new URI(text.strip());
            var scheme = url.getScheme() == null ? "" : url.getScheme();
            if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https") || url.getHost() == null) {
                throw new ParameterException(commandLine, option
                        + " must be an http:// or https:// URL with a host, got " + SafeText.uri(text));
            }
            return url;
        }
        catch (URISyntaxException e) {
            throw new ParameterException(commandLine, option + " is not a URL: " + SafeText.uri(text));
        }
    }
}
