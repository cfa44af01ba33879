package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.canary.CanaryCatalog;
import io.mlcd.canary.CanaryOptions;
import io.mlcd.canary.RolloutFile;
import io.mlcd.gate.GateParser;
import io.mlcd.util.InputException;
import io.mlcd.util.ListOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code canaryDeploy}'s arguments as a Pipeline script names them, each a plain value (text,
 * number, flag or list of text; an argument left out is not given), which the step keeps while its
 * rollout runs: turned into the rollout's options as {@link CanaryOptions#pipeline()} checks them.
 * The rollout file comes as text ({@code rollout}); an unset entry of {@code gates} or
 * {@code warnings} ({@code [env.UNSET]}) is refused in one line.
 */
public final class CanaryArguments {
    private final Map<String, Object> values;

    public CanaryArguments(final Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The options, checked together; a mistake is one {@link InputException} naming the argument. */
    public CanaryOptions options() {
        var parser = new GateParser(new CanaryCatalog());
        var options = CanaryOptions.pipeline() // the rollout text as given, so that its line numbers hold
                .rolloutFile(text("rollout") == null ? null
                        : RolloutFile.parse(Path.of("rollout"), values.get("rollout").toString(), parser))
                .gates(parser.policy(list("gates"), list("warnings")))
                .weights(CanaryOptions.percentages("weights", text("weights"))).pause(text("pause"))
                .minRequests(whole("minRequests")).confidence(number("confidence"))
                .failureLimit(count("failureLimit")).inconclusiveLimit(count("inconclusiveLimit"))
                .manualGate(flag("manualGate", false))
                .approveBefore(CanaryOptions.percentages("approveBefore", text("approveBefore")))
                .blueGreen(flag("blueGreen", false)).allowNoAnalysis(flag("allowNoAnalysis", false))
                .haproxyRuntime(text("haproxyRuntime")).routerUrl(text("routerUrl"))
                .servers(text("backend"), text("stableServer"), text("canaryServer"))
                .haproxyLogs(text("haproxyLogs")).prometheus(text("prometheus")).probe(text("probe"))
                .canaryUrl(text("canaryUrl")).stableUrl(text("stableUrl"))
                .deployCommand(text("deployCommand"), text("healthPath")).model(text("name"), text("version"));
        options.check();
        return options;
    }

    /** A text argument, stripped; null when it is not given or blank. */
    @CheckForNull
    private String text(final String name) {
        var value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof CharSequence)) {
            throw new InputException("%s expects text, got %s", name, value);
        }
        var text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    private boolean flag(final String name, final boolean fallback) {
        var value = values.get(name);
        if (value != null && !(value instanceof Boolean)) {
            throw new InputException("%s expects true or false, got %s", name, value);
        }
        return value == null ? fallback : (Boolean) value;
    }

    private List<String> list(final String name) {
        var value = values.get(name);
        if (value != null && !(value instanceof List<?>)) {
            throw new InputException("%s expects a list of text, got %s", name, value);
        }
        var entries = new ArrayList<String>();
        for (Object entry : value == null ? List.of() : (List<?>) value) {
            entries.add(entry == null ? null : entry.toString());
        }
        return ListOption.of(entries).require(name);
    }

    @CheckForNull
    private Double number(final String name) {
        var value = values.get(name);
        if (value != null && !(value instanceof Number)) {
            throw new InputException("%s expects a number, got %s", name, value);
        }
        return value == null ? null : ((Number) value).doubleValue();
    }

    @CheckForNull
    private Long whole(final String name) {
        var value = number(name);
        if (value != null && (value != Math.rint(value) || Double.isInfinite(value))) {
            throw new InputException("%s expects a whole number, got %s", name, values.get(name));
        }
        return value == null ? null : value.longValue();
    }

    @CheckForNull
    private Integer count(final String name) {
        var value = whole(name);
        if (value != null && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
            throw new InputException("%s is too large: %s", name, value);
        }
        return value == null ? null : value.intValue();
    }
}
