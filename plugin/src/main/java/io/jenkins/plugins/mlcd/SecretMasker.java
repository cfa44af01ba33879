package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.console.LineTransformationOutputStream;
import hudson.util.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jenkinsci.plugins.workflow.log.TaskListenerDecorator;

/**
 * Replaces every occurrence of the MLflow credentials in the log of a {@code withMlflow} body
 * with {@code ****}, line by line, wherever the log is written (controller or agent).
 */
final class SecretMasker extends TaskListenerDecorator {
    private static final long serialVersionUID = 1L;
    private static final String MASK = "****";

    private final ArrayList<Secret> secrets;

    SecretMasker(final List<Secret> secrets) {
        this.secrets = new ArrayList<>(secrets);
    }

    @NonNull
    @Override
    public OutputStream decorate(@NonNull final OutputStream logger) {
        var values = secrets.stream().map(Secret::getPlainText).filter(value -> !value.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        return new LineTransformationOutputStream.Delegating(logger) {
            @Override
            protected void eol(final byte[] bytes, final int length) throws IOException {
                var line = new String(bytes, 0, length, StandardCharsets.UTF_8);
                for (String value : values) {
                    line = line.replace(value, MASK);
                }
                out.write(line.getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
