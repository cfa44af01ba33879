package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcd.canary.Haproxy;
import io.mlcd.canary.RolloutLock;
import io.mlcd.canary.Weights;
import io.mlcd.testkit.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlcd canary} on input it must refuse, with exit status 2 and one line naming the problem,
 * before any weight moves: a plan with no analysed step, a router another rollout holds, damaged
 * state files, missing or broken --probe and --rollout files, malformed router addresses (an
 * https one is taken); and a rollout that failed before it moved traffic does not block the
 * corrected retry.
 */
public class CanaryBadInputTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path file(final String name) {
        return folder.getRoot().toPath().resolve(name);
    }

    /** A canary on an HTTP router nobody listens at; each case fails before it is called. */
    private CliRun canary(final String... more) {
        var args = new ArrayList<>(List.of("canary", "--router-url", "http://127.0.0.1:" + Ports.free() + "/weights",
                "--haproxy-logs", "127.0.0.1:0", "--gate", "error_rate <= 0.01", "--state", file("state.json")
                        .toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void assertRefused(final CliRun run, final String message) {
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: " + message + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    public void shouldRefuseAPlanThatReaches100WithoutAnAnalysisUnlessAskedFor() throws Exception {
        var refusal = "the weights [100] reach 100% without an analysed step: give lower weights first, or "
                + "--no-analysis to go live without analysis";
        assertRefused(canary("--weights", "100"), refusal);
        var rollout = Files.writeString(file("rollout.yaml"), "weights: [100]\ngates:\n  - error_rate <= 0.01\n");
        assertRefused(canary("--rollout", rollout.toString()), refusal);
        assertRefused(canary("--blue-green", "--weights", "100"), refusal);
        assertThat(file("state.json")).doesNotExist();

        try (var haproxy = Haproxy.start(Ports.free(), Ports.free(), Ports.free())) {
            var run = CliRun.of("canary", "--weights", "100", "--no-analysis", "--haproxy-runtime",
                    haproxy.runtime().toString(), "--haproxy-logs", "127.0.0.1:0", "--gate", "error_rate <= 0.01",
                    "--state", file("switch.json").toString());

            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).endsWith("PASSED: rollout SUCCEEDED at 100% without an analysis"
                    + System.lineSeparator());
            assertThat(haproxy.router().current()).isEqualTo(new Weights(100));
        }
    }

    @Test
    public void shouldRefuseARouterAnotherRolloutHoldsWithoutTouchingItsWeights() throws Exception {
        try (var haproxy = Haproxy.start(Ports.free(), Ports.free(), Ports.free())) {
            haproxy.router().apply(new Weights(30));
            var state = file("state.json");
            try (var held = RolloutLock.acquire(haproxy.router(), "Jenkins build churn/42")) {
                for (String action : new String[] {"--resume", "--restore", "--decide=rollback", "--pause=1s"}) {
                    var run = CliRun.of("canary", "--weights", "25,100", "--haproxy-runtime", "LOCALHOST:"
                            + haproxy.runtime().toString().split(":")[1], "--haproxy-logs", "127.0.0.1:0", "--gate",
                            "error_rate <= 0.01", "--state", state.toString(), action);

                    assertThat(run.status()).as(action + run.err()).isEqualTo(2);
                    assertThat(run.err()).as(action).matches("mlcd: error: another rollout is running on haproxy "
                            + haproxy.runtime() + " backend model: Jenkins build churn/42, since \\S+Z; wait for it "
                            + "to end or stop it first\\R");
                }
            }
            assertThat(haproxy.router().current()).isEqualTo(new Weights(30));
            assertThat(state).doesNotExist();
        }
    }

    @Test
    public void shouldNameADamagedStateFileAndItsProblemInOneLine() throws Exception {
        var state = file("state.json");
        var cases = new String[][] {
            {"{\"status\": \"PROGRESSING\", \"step\": 0,", "not valid JSON (line 1, column 37)"},
            {"", "the file is empty"},
            {"[1, 2]", "not a rollout state (line 1, column 1)"},
            {"null", "fields are missing (a state has status, step, weight, history and updatedAt)"},
            {"{\"step\": 1}", "fields are missing (a state has status, step, weight, history and updatedAt)"},
            {"{\"status\": \"HALF_DONE\", \"step\": 0, \"weight\": 0, \"failures\": 0, \"inconclusive\": 0, "
                    + "\"history\": [], \"updatedAt\": \"2025-01-01T00:00:00Z\"}",
                "field 'status' has a wrong value (line 1, column 12)"},
            {"{\"status\": \"PROGRESSING\", \"step\": 0, \"weight\": 25, \"failures\": 0, \"inconclusive\": 0, "
                    + "\"history\": [{\"weight\": \"lots\"}], \"updatedAt\": \"2025-01-01T00:00:00Z\"}",
                "field 'history[0].weight' has a wrong value (line 1, column 109)"},
        };
        for (String[] damaged : cases) {
            Files.writeString(state, damaged[0]);
            for (String action : new String[] {"--resume", "--restore"}) {
                assertRefused(canary(action), "the rollout state " + state + " is damaged: " + damaged[1]);
            }
            assertRefused(canary(), "the rollout state " + state + " is damaged: " + damaged[1]);
        }
        Files.delete(state);
        Files.createDirectory(state);
        assertRefused(canary("--resume"), "--state " + state + " is a folder; name a file");
        Files.delete(state);
        assertRefused(canary("--resume"), "no rollout state in " + state);
    }

    @Test
    public void shouldNameAMissingOrBrokenProbeOrRolloutFile() throws Exception {
        var urls = new String[] {"--canary-url", "http://127.0.0.1:1", "--stable-url", "http://127.0.0.1:2"};
        var probe = file("probe.json");
        assertRefused(canary(concat(urls, "--probe", probe.toString())), "--probe " + probe + ": no such file");
        assertRefused(canary(concat(urls, "--probe", folder.getRoot().toString())), "--probe " + folder.getRoot()
                + ": a directory, not a file");
        Files.writeString(probe, "{\"inputs\": [[1, 2, 3],\n [4, 5");
        assertRefused(canary(concat(urls, "--probe", probe.toString())), "--probe " + probe
                + ": not JSON (line 2, column 7)");
        assertRefused(canary(concat(urls, "--blue-green", "--probe", file("missing.json").toString())), "--probe "
                + file("missing.json") + ": no such file");

        var rollout = file("rollout.yaml");
        assertRefused(canary("--rollout", rollout.toString()), "the rollout file " + rollout + ": no such file");
        assertRefused(canary("--rollout", folder.getRoot().toString()), "the rollout file " + folder.getRoot()
                + ": a directory, not a file");
    }

    private static String[] concat(final String[] first, final String... more) {
        var all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    public void shouldRefuseMalformedRouterAddressesAndLetTheCorrectedRetryRun() throws Exception {
        var state = file("state.json");
        var common = new String[] {"canary", "--weights", "50,100", "--pause", "1s", "--inconclusive-limit", "0",
            "--haproxy-logs", "127.0.0.1:0", "--gate", "error_rate <= 0.01", "--state", state.toString()};
        assertRefused(CliRun.of(concat(common, "--router-url", "localhost:8080")),
                "--router-url expects an http:// or https:// address, such as http://10.0.0.7:8080; got "
                        + "'localhost:8080'");
        assertRefused(CliRun.of(concat(common, "--haproxy-runtime", "haproxy.internal")),
                "the HAProxy runtime API address must be host:port or a socket path, got 'haproxy.internal'");
        var unreachable = CliRun.of(concat(common, "--haproxy-runtime", "127.0.0.1:" + Ports.free()));
        assertThat(unreachable.status()).isEqualTo(1);
        assertThat(unreachable.out()).contains("FAILED: rolled back: router error: ");
        var https = CliRun.of(concat(common, "--router-url", "https://127.0.0.1:" + Ports.free() + "/weights"));
        assertThat(https.status()).as("an https router is taken, and fails only when called: " + https.err())
                .isEqualTo(1);
        assertThat(https.out()).contains("FAILED: rolled back: router error: ");

        try (var haproxy = Haproxy.start(Ports.free(), Ports.free(), Ports.free())) {
            var corrected = CliRun.of(concat(common, "--haproxy-runtime", haproxy.runtime().toString()));

            assertThat(corrected.out()).as(corrected.err()).contains("canary: weight 50%")
                    .contains("FAILED: rolled back: analysis INCONCLUSIVE at 50%");
            assertThat(haproxy.router().current()).isEqualTo(new Weights(0));
        }
    }
}
