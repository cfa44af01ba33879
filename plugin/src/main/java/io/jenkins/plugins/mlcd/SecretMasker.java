package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.LineTransformationOutputStream;
import hudson.util.Secret;
import io.mlcd.util.Redactor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;

/**
 * Replaces the MLflow credentials in the log of a {@code withMlflow} body with {@code ****}, line
 * by line, wherever the log is written (controller or agent), as core's {@link Redactor} hides
 * them: also URL-encoded or inside a JSON string.
 */
final class SecretMasker extends TaskListenerDecorator {
    private static final long serialVersionUID = 1L;

    private final ArrayList<Secret> secrets;

    SecretMasker(final List<Secret> secrets) {
        this.secrets = new ArrayList<>(secrets);
    }

    @NonNull
    @Override
    public OutputStream decorate(@NonNull final OutputStream logger) {
        var redactor = Redactor.of(secrets.stream().map(Secret::getPlainText).toList());
        return new LineTransformationOutputStream.Delegating(logger) {
            @Override
            protected void eol(final byte[] bytes, final int length) throws IOException {
                out.write(redactor.redact(new String(bytes, 0, length, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
