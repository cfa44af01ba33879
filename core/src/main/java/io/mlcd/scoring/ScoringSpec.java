package io.mlcd.scoring;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * What to score for {@code validate --model-url}: the rows in {@code data} (every column except
 * the label, the id and the {@code drop} columns is a feature), the model at {@code modelUrl} or
 * started by {@code deployCommand}, optionally the baseline at {@code baselineUrl}.
 *
 * @param name            the registered model for a deploy command's {@code {name}}, or null
 * @param version         the version for its {@code {version}}, or null
 * @param savePredictions where to keep the scored predictions file; null: a temporary file
 */
public record ScoringSpec(Path data, List<String> drop, @CheckForNull URI modelUrl, @CheckForNull String deployCommand,
        @CheckForNull URI baselineUrl, ScoringOptions options, AnswerFormat format, @CheckForNull String name,
        @CheckForNull String version, @CheckForNull Path savePredictions) {
    public ScoringSpec {
        drop = List.copyOf(drop);
        if ((modelUrl == null) == (deployCommand == null)) {
            throw new InputException("give the model's address (--model-url) or a command that serves it "
                    + "(--deploy-command), one of them");
        }
    }
}
