package io.mlcd.canary;

import io.mlcd.util.SafeText;
import java.util.regex.Pattern;

/**
 * Splits traffic between two servers of one HAProxy backend by their weights, through the
 * runtime API ({@code set weight}); HAProxy applies a weight change to new requests only, so no
 * request in flight is dropped. The server gaining weight is changed first, so that there is
 * never a moment with both at zero.
 */
public final class HaproxyRouter implements Router {
    private static final Pattern WEIGHT = Pattern.compile("(\\d+) \\(initial \\d+\\)\\s*");

    private final HaproxyRuntime runtime;
    private final String backend;
    private final String stable;
    private final String canary;

    public HaproxyRouter(final HaproxyRuntime runtime, final String backend, final String stable, final String canary) {
        this.runtime = runtime;
        this.backend = backend;
        this.stable = stable;
        this.canary = canary;
    }

    @Override
    public void apply(final Weights weights) {
        if (weights.canary() > current().canary()) {
            set(canary, weights.canary());
            set(stable, weights.stable());
        }
        else {
            set(stable, weights.stable());
            set(canary, weights.canary());
        }
    }

    /** Points the canary server at a newly deployed version ({@code set server … addr … port …}). */
    public void pointCanaryAt(final java.net.URI address) {
        var answer = runtime.command("set server " + backend + "/" + canary + " addr " + address.getHost() + " port "
                + address.getPort()).strip();
        if (!answer.isEmpty() && !answer.startsWith("IP changed") && !answer.contains("no need to change")) {
            throw new RouterException("HAProxy refused to point " + backend + "/" + canary + " at " + SafeText.uri(address)
                    + ": " + SafeText.quote(answer));
        }
    }

    @Override
    public Weights current() {
        var canaryWeight = weight(canary);
        var stableWeight = weight(stable);
        var total = canaryWeight + stableWeight;
        if (total == 0) {
            throw new RouterException("both " + backend + "/" + stable + " and " + backend + "/" + canary
                    + " have weight 0: the backend serves nothing");
        }
        return new Weights((int) Math.round(100.0 * canaryWeight / total));
    }

    private void set(final String server, final int weight) {
        var answer = runtime.command("set weight " + backend + "/" + server + " " + weight).strip();
        if (!answer.isEmpty()) {
            throw new RouterException("HAProxy refused 'set weight " + backend + "/" + server + " " + weight + "': "
                    + SafeText.quote(answer));
        }
    }

    private int weight(final String server) {
        var answer = runtime.command("get weight " + backend + "/" + server);
        var matcher = WEIGHT.matcher(answer);
        if (!matcher.matches()) {
            throw new RouterException("HAProxy has no server " + backend + "/" + server + ": " + SafeText.quote(answer));
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The runtime API's address as {@link HaproxyRuntime#normalised()} spells it, and the backend. */
    @Override
    public String lockKey() {
        return "haproxy " + runtime.normalised() + " backend " + backend;
    }

    @Override
    public String toString() {
        return "HAProxy " + runtime + " backend " + backend + " (stable " + stable + ", canary " + canary + ")";
    }
}
