package io.mlcd.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.mlcd.canary.CanaryCatalog;
import io.mlcd.canary.RolloutPlan;
import io.mlcd.canary.RolloutResult;
import io.mlcd.canary.RolloutState;
import io.mlcd.canary.RolloutStatus;
import io.mlcd.gate.GateParser;
import io.mlcd.gate.Verdict;
import io.mlcd.registry.Approver;
import io.mlcd.registry.Lineage;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.RefusedException;
import io.mlcd.registry.Registrar;
import io.mlcd.registry.RegistrationRequest;
import io.mlcd.registry.RunRecorder;
import io.mlcd.registry.StepRecord;
import io.mlcd.testkit.MlflowServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;

/** How canaryDeploy ends a rollout: its report, the promotion a success earns, the version's status tag. */
public class CanaryEndTest {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    private static final RolloutPlan PLAN = new RolloutPlan(List.of(10, 100), Duration.ofMinutes(1),
            new GateParser(new CanaryCatalog()).policy(List.of("error_rate <= 0.05"), List.of()).gates(), 100, 0.95, 0,
            2, false, Set.of());

    private static List<String> runs;

    @BeforeClass
    public static void logModels() throws Exception {
        runs = SERVER.logModels("canary-end", 3, null, Map.of()).runs();
    }

    private static Mlflow mlflow() {
        return new Mlflow(new MlflowConnection(SERVER.uri(), null, null, null, false));
    }

    private static RolloutResult ended(final RolloutStatus status, final int weight) {
        return new RolloutResult(PLAN, new RolloutState(status, 1, weight, 0, 0, List.of(), status
                == RolloutStatus.SUCCEEDED ? null : "aborted: build aborted", null, Instant.parse("2025-01-02T03:04:05Z")));
    }

    /** A registered version of the run, validated (PASSED) and approved as asked. */
    private static String version(final String name, final String run, final boolean validated, final boolean approved) {
        var mlflow = mlflow();
        if (validated) {
            new RunRecorder(mlflow, Clock.systemUTC()).record(run, new StepRecord("validation", Verdict.PASSED,
                    "PASSED: all 1 gates passed", Map.of(), List.of(), List.of()));
        }
        var version = new Registrar(mlflow, Clock.systemUTC()).register(new RegistrationRequest(run, "model", name,
                null, Map.of(), "", Lineage.fromEnvironment(Map.of()), false, Duration.ofSeconds(30))).version().version();
        if (approved) {
            new Approver(mlflow, Clock.systemUTC()).decide(name, version, true, "alice", "");
        }
        return version;
    }

    @Test
    public void shouldPutTheRolloutsContextInTheReportAndAVersionOnlyWithItsModel() {
        var end = new CanaryEnd(ended(RolloutStatus.SUCCEEDED, 100), "churn", "7", "HAProxy h:1 backend model",
                "http://10.0.0.9:8081");
        var unnamed = new CanaryEnd(ended(RolloutStatus.SUCCEEDED, 100), "churn", null, "HTTP router", null);

        var report = end.report(Instant.parse("2025-01-02T03:04:06Z"));

        assertThat(report.path("context").properties()).extracting(Map.Entry::getKey)
                .containsExactly("model", "version", "router", "canary");
        assertThat(report.path("context").path("canary").asText()).isEqualTo("http://10.0.0.9:8081");
        assertThat(report.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(end.ofVersion()).isTrue();
        assertThat(unnamed.ofVersion()).isFalse();
        assertThat(unnamed.report(Instant.now()).path("context").properties()).extracting(Map.Entry::getKey)
                .containsExactly("router");
    }

    @Test
    public void shouldPromoteOnlyASucceededRolloutOfAVersionWhenAsked() {
        assertThat(new CanaryEnd(ended(RolloutStatus.SUCCEEDED, 100), "churn", "7", "r", null).promotes(true)).isTrue();
        assertThat(new CanaryEnd(ended(RolloutStatus.SUCCEEDED, 100), "churn", "7", "r", null).promotes(false)).isFalse();
        assertThat(new CanaryEnd(ended(RolloutStatus.SUCCEEDED, 100), null, "7", "r", null).promotes(true)).isFalse();
        assertThat(new CanaryEnd(ended(RolloutStatus.ROLLED_BACK, 0), "churn", "7", "r", null).promotes(true)).isFalse();
        assertThat(new CanaryEnd(ended(RolloutStatus.ABORTED, 0), "churn", "7", "r", null).promotes(true)).isFalse();
    }

    @Test
    public void shouldSayWhereAStoppedCanaryStandsAndReturnTheStatusAndFinalWeight() {
        var aborted = new CanaryEnd(ended(RolloutStatus.ABORTED, 0), "churn", "7", "r", null);
        var succeeded = new CanaryEnd(ended(RolloutStatus.SUCCEEDED, 100), "churn", "7", "r", null);

        assertThat(aborted.stopped("build aborted")).isEqualTo("build aborted: the canary is ABORTED at weight 0%");
        assertThat(aborted.values(Map.of("verdict", "FAILED"), false)).containsExactly(entry("verdict", "FAILED"),
                entry("status", "ABORTED"), entry("finalWeight", 0));
        assertThat(succeeded.values(Map.of("verdict", "PASSED"), true)).containsExactly(entry("verdict", "PASSED"),
                entry("promoted", true), entry("status", "SUCCEEDED"), entry("finalWeight", 100));
    }

    @Test
    public void shouldRefuseToBeginARolloutWhoseSuccessWouldPromoteAVersionWithoutEvidence() {
        var bare = version("unproven", runs.get(0), false, false);

        assertThatThrownBy(() -> CanaryEnd.requireEvidence(mlflow(), "unproven", bare, "set promote: false"))
                .isInstanceOf(RefusedException.class)
                .hasMessage("not started: a success would promote version " + bare + ", which it has no mlcd validation "
                        + "record; it has no approval (or set promote: false)");
    }

    @Test
    public void shouldMoveChampionAndPreviousAfterSuccessesAndTagHowEachVersionWentLive() {
        var first = version("served", runs.get(1), true, true);
        var second = version("served", runs.get(2), true, true);
        CanaryEnd.requireEvidence(mlflow(), "served", first, "set promote: false");

        var firstEnd = new CanaryEnd(ended(RolloutStatus.SUCCEEDED, 100), "served", first, "r", null);
        var secondEnd = new CanaryEnd(ended(RolloutStatus.SUCCEEDED, 100), "served", second, "r", null);
        var rolledBack = new CanaryEnd(ended(RolloutStatus.ROLLED_BACK, 0), "served", first, "r", null);

        assertThat(firstEnd.promote(mlflow(), Clock.systemUTC(), "jenkins churn#1")).isEqualTo("@champion -> version "
                + first);
        assertThat(secondEnd.promote(mlflow(), Clock.systemUTC(), "jenkins churn#2")).isEqualTo("@champion -> version "
                + second + ", @previous -> version " + first);
        secondEnd.tagStatus(mlflow());
        rolledBack.tagStatus(mlflow());

        var registry = mlflow().registry();
        assertThat(registry.aliases("served")).containsEntry("champion", second).containsEntry("previous", first);
        assertThat(registry.version("served", second).orElseThrow().tag("mlcd.canary.status")).contains("SUCCEEDED");
        assertThat(registry.version("served", first).orElseThrow().tag("mlcd.canary.status")).contains("ROLLED_BACK");
        assertThat(registry.version("served", second).orElseThrow().tag("mlcd.promotion.by")).contains("jenkins churn#2");
    }
}
