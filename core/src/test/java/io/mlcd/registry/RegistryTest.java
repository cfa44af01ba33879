package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.gate.Verdict;
import io.mlcd.testkit.MlflowServer;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Registration, approval, promotion and status against a real MLflow server (3.x by default, 2.x
 * with -Dmlcd.mlflow), with models logged by MLflow's own Python client.
 */
public class RegistryTest {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static MlflowServer.LoggedRuns logged;
    private static String unvalidated;
    private static String passed;
    private static String passedToo;
    private static String failed;

    @BeforeClass
    public static void logModels() throws Exception {
        logged = SERVER.logModels("registry-test", 5, "python-reference", Map.of());
        unvalidated = logged.runs().get(1);
        passed = logged.runs().get(2);
        passedToo = logged.runs().get(3);
        failed = logged.runs().get(4);
        var recorder = new RunRecorder(mlflow(), Clock.systemUTC());
        recorder.record(passed, validation(Verdict.PASSED, "PASSED: all 1 gates passed"));
        recorder.record(passedToo, validation(Verdict.WARNING, "WARNING: 1 of 2 gates fell short (WARN)"));
        recorder.record(failed, validation(Verdict.FAILED, "FAILED: roc_auc >= 0.99 failed"));
    }

    private static StepRecord validation(final Verdict verdict, final String summary) throws IOException {
        var html = FOLDER.getRoot().toPath().resolve("validate.html");
        Files.writeString(html, "<!DOCTYPE html><title>report</title>");
        return new StepRecord("validation", verdict, summary, Map.of("roc_auc", 0.9), List.of(), List.of(html));
    }

    private static Mlflow mlflow() {
        return new Mlflow(new MlflowConnection(SERVER.uri(), null, null, null, false));
    }

    private static RegistrationRequest request(final String run, final String name, final String alias,
            final Lineage lineage) {
        return new RegistrationRequest(run, "model", name, alias, Map.of(), "", lineage, false, Duration.ofSeconds(30));
    }

    private static Lineage noBuild() {
        return Lineage.fromEnvironment(Map.of());
    }

    private static Registration register(final String run, final String name, final String alias) {
        return new Registrar(mlflow(), Clock.systemUTC()).register(request(run, name, alias, noBuild()));
    }

    @Test
    public void shouldRegisterTheSameSourceAsMlflowsPythonClient() {
        var version = register(logged.runs().get(0), "same-source", null).version();

        assertThat(logged.referenceSource()).isNotBlank();
        assertThat(version.source()).isEqualTo(logged.referenceSource());
        assertThat(version.status()).isEqualTo("READY");
        assertThat(version.runId()).isEqualTo(logged.runs().get(0));
    }

    @Test
    public void shouldTagTheVersionWithItsLineage() throws IOException {
        var data = FOLDER.newFile("train.csv").toPath();
        Files.writeString(data, "abc");
        var lineage = Lineage.fromEnvironment(Map.of("BUILD_URL", "https://ci.example/job/churn/42/",
                "JOB_NAME", "churn", "BUILD_NUMBER", "42", "GIT_COMMIT", "0a1b2c3")).withData(data);
        var request = new RegistrationRequest(passed, "model", "lineage", "challenger", Map.of("team", "risk"),
                "nightly candidate", lineage, false, Duration.ofSeconds(30));

        var version = new Registrar(mlflow(), Clock.systemUTC()).register(request).version();

        assertThat(version.tags()).containsEntry("mlcd.ci.build_url", "https://ci.example/job/churn/42/")
                .containsEntry("mlcd.ci.job", "churn").containsEntry("mlcd.ci.build_number", "42")
                .containsEntry("mlcd.git.commit", "0a1b2c3")
                .containsEntry("mlcd.data.train.csv.sha256",
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
                .containsEntry("mlcd.validation.verdict", "PASSED")
                .containsEntry("mlcd.validation.summary", "PASSED: all 1 gates passed")
                .containsEntry("mlcd.validation.report", "runs:/" + passed + "/mlcd/validate.html")
                .containsEntry("team", "risk").containsKey("mlcd.registered_at");
        assertThat(version.aliases()).containsExactly("challenger");
        assertThat(mlflow().registry().aliases("lineage")).containsEntry("challenger", version.version());
    }

    @Test
    public void shouldReturnTheSameVersionWhenTheSameBuildRegistersAgain() {
        var first = register(unvalidated, "idempotent", null);
        var again = register(unvalidated, "idempotent", null);
        var otherBuild = new Registrar(mlflow(), Clock.systemUTC()).register(request(unvalidated, "idempotent", null,
                Lineage.fromEnvironment(Map.of("BUILD_URL", "https://ci.example/job/x/2/"))));

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.version().version()).isEqualTo(first.version().version());
        assertThat(otherBuild.created()).isTrue();
        assertThat(mlflow().registry().versions("idempotent")).hasSize(2);
    }

    @Test
    public void shouldRefuseAnAliasForAModelWithoutAPassingValidation() {
        assertThatThrownBy(() -> register(unvalidated, "no-record", "challenger")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("has no mlcd validation record");
        assertThatThrownBy(() -> register(failed, "failed-record", "challenger")).isInstanceOf(RefusedException.class)
                .hasMessageContaining("validation verdict is FAILED");

        assertThat(mlflow().registry().aliases("no-record")).isEmpty();
        assertThat(mlflow().registry().aliases("failed-record")).isEmpty();
    }

    @Test
    public void shouldRecordAForcedAlias() {
        var request = new RegistrationRequest(failed, "model", "forced", "challenger", Map.of(), "", noBuild(), true,
                Duration.ofSeconds(30));
        var version = new Registrar(mlflow(), Clock.systemUTC()).register(request).version();

        assertThat(version.aliases()).containsExactly("challenger");
        assertThat(version.tags().get("mlcd.registration.forced")).contains("validation verdict: FAILED");
    }

    @Test
    public void shouldPromoteOnlyAValidatedAndApprovedVersionAndKeepThePreviousChampion() {
        var name = "promotion";
        var v1 = register(passed, name, "challenger").version().version();
        var v2 = register(passedToo, name, "challenger").version().version();
        var promoter = new Promoter(mlflow(), Clock.systemUTC());
        var approver = new Approver(mlflow(), Clock.systemUTC());

        assertThatThrownBy(() -> promoter.promote(name, v1, "champion", "previous", false, "ci"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("it has no approval");
        approver.decide(name, v1, true, "alice", "reviewed the fairness report");
        var first = promoter.promote(name, v1, "champion", "previous", false, "ci");
        approver.decide(name, v2, false, "bob", "recall too low");
        assertThatThrownBy(() -> promoter.promote(name, v2, "champion", "previous", false, "ci"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("it was REJECTED by bob");
        approver.decide(name, v2, true, "bob", "recall fixed upstream");
        var second = promoter.promote(name, v2, "champion", "previous", false, "ci");

        assertThat(first.previousVersion()).isEmpty();
        assertThat(second.previousVersion()).contains(v1);
        assertThat(mlflow().registry().aliases(name)).containsEntry("champion", v2).containsEntry("previous", v1);
        var promoted = mlflow().registry().version(name, v2).orElseThrow();
        assertThat(promoted.tags()).containsEntry("mlcd.approval.status", "APPROVED")
                .containsEntry("mlcd.approval.by", "bob").containsEntry("mlcd.approval.comment", "recall fixed upstream")
                .containsEntry("mlcd.promotion.alias", "champion").containsEntry("mlcd.promotion.replaced", v1)
                .doesNotContainKey("mlcd.promotion.forced");
    }

    @Test
    public void shouldRecordWhatAForcedPromotionWaived() {
        var name = "forced-promotion";
        var version = register(unvalidated, name, null).version().version();

        var promotion = new Promoter(mlflow(), Clock.systemUTC()).promote(name, version, "champion", "previous", true, "ops");

        assertThat(promotion.waived()).containsExactly("it has no mlcd validation record", "it has no approval");
        assertThat(mlflow().registry().version(name, version).orElseThrow().tags().get("mlcd.promotion.forced"))
                .isEqualTo("it has no mlcd validation record; it has no approval");
    }

    @Test
    public void shouldNameAMissingVersionOrModel() {
        register(passed, "missing-version", null);
        var promoter = new Promoter(mlflow(), Clock.systemUTC());
        assertThatThrownBy(() -> promoter.promote("missing-version", "99", "champion", "previous", true, "ops"))
                .isInstanceOf(InputException.class).hasMessage("model 'missing-version' has no version 99 in the MLflow registry");
        assertThatThrownBy(() -> new Approver(mlflow(), Clock.systemUTC()).decide("no such model", "1", true, "a", ""))
                .isInstanceOf(InputException.class).hasMessage("model 'no such model' has no version 1 in the MLflow registry");
        assertThatThrownBy(() -> VersionStatus.read(mlflow(), "missing-version", null, "champion"))
                .isInstanceOf(InputException.class).hasMessage("model 'missing-version' has no alias 'champion'");
    }

    @Test
    public void shouldFailClearlyForAnUnknownRunOrAPathWithoutAModel() {
        assertThatThrownBy(() -> register("0123456789abcdef0123456789abcdef", "unknown-run", null))
                .isInstanceOf(MlflowException.class)
                .hasMessageStartingWith("GET runs/get failed: HTTP 404 RESOURCE_DOES_NOT_EXIST");
        var registrar = new Registrar(mlflow(), Clock.systemUTC());
        assertThatThrownBy(() -> registrar.register(new RegistrationRequest(unvalidated, "no-model-here", "unknown-path",
                null, Map.of(), "", noBuild(), false, Duration.ofSeconds(30))))
                .isInstanceOf(InputException.class).hasMessageContaining("has no model at 'no-model-here'")
                .hasMessageContaining("no-model-here/MLmodel");
        assertThatThrownBy(() -> registrar.register(new RegistrationRequest(unvalidated, "../../etc", "traversal",
                null, Map.of(), "", noBuild(), false, Duration.ofSeconds(30))))
                .isInstanceOf(InputException.class).hasMessageContaining("must be a relative path inside the run");
        assertThat(mlflow().registry().versions("unknown-path")).isEmpty();
    }

    @Test
    public void shouldHandleNamesWithSpacesAndUnicode() {
        var name = "churn modèle d'été 2";
        var version = register(passed, name, "challenger").version().version();
        new Approver(mlflow(), Clock.systemUTC()).decide(name, version, true, "zoë", "très bien");
        new Promoter(mlflow(), Clock.systemUTC()).promote(name, version, "champion", "previous", false, "ci");

        var status = VersionStatus.read(mlflow(), name, null, null);
        assertThat(status.version().version()).isEqualTo(version);
        assertThat(status.version().aliases()).containsExactlyInAnyOrder("challenger", "champion");
        assertThat(status.version().tags()).containsEntry("mlcd.approval.by", "zoë");
        assertThat(status.sourceRun()).get().extracting(TrackingRun::runId).isEqualTo(passed);
        assertThat(status.sourceRun().orElseThrow().metrics()).containsKey("roc_auc");
    }

    @Test
    public void shouldRefuseOverlongUserValuesAndCutItsOwn() throws IOException {
        var tooLong = "x".repeat(Names.VERSION_TAG_VALUE_LIMIT + 1);
        var registrar = new Registrar(mlflow(), Clock.systemUTC());
        assertThatThrownBy(() -> registrar.register(new RegistrationRequest(passed, "model", "long-values", null,
                Map.of("note", tooLong), "", noBuild(), false, Duration.ofSeconds(30))))
                .isInstanceOf(InputException.class).hasMessageContaining("has 5001 characters");
        assertThatThrownBy(() -> new Approver(mlflow(), Clock.systemUTC()).decide("long-values", "1", true, "a", tooLong))
                .isInstanceOf(InputException.class).hasMessageContaining("has 5001 characters");
        assertThatThrownBy(() -> registrar.register(new RegistrationRequest(passed, "model", "long-values", null,
                Map.of("mlcd.validation.verdict", "PASSED"), "", noBuild(), false, Duration.ofSeconds(30))))
                .isInstanceOf(InputException.class).hasMessageContaining("reserved");

        var version = register(passed, "long-values", null).version().version();
        var html = FOLDER.newFile("long.html").toPath();
        var summary = "FAILED: " + "gate ".repeat(2000);
        new RunRecorder(mlflow(), Clock.systemUTC()).record("long-values", version,
                new StepRecord("drift", Verdict.FAILED, summary, Map.of(), List.of(), List.of(html)));

        var tags = mlflow().registry().version("long-values", version).orElseThrow().tags();
        assertThat(tags.get("mlcd.drift.summary")).hasSize(Names.VERSION_TAG_VALUE_LIMIT).endsWith("...[cut by mlcd]");
        assertThat(tags).containsEntry("mlcd.drift.verdict", "FAILED");
    }
}
