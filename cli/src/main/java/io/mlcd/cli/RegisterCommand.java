package io.mlcd.cli;

import io.mlcd.registry.Lineage;
import io.mlcd.registry.Registrar;
import io.mlcd.registry.RegistrationRequest;
import io.mlcd.util.KeyValues;
import io.mlcd.util.Names;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlcd register}: a run's model becomes a registry version with its lineage. */
@Command(name = "register", sortOptions = false,
        description = {"Register the model a run logged as a new version in the MLflow model registry, with its "
                + "lineage (CI build, git commit, data hashes, validation verdict and report) as version tags, "
                + "then point an alias at it. Re-running for the same run and CI build returns the same version.",
            "The alias is set only if the run has a PASSED or WARNING validation record (mlcd validate --run-id)."},
        footerHeading = "%nExamples:%n",
        footer = {"  mlcd register --run-id \"$RUN_ID\" --name churn \\",
            "    --artifact-path model --alias challenger \\",
            "    --data train.csv --tag team=risk",
            "",
            "Prints the version as JSON. Exit status: 0 registered, 1 alias refused (no passing validation), "
                    + "2 usage, input or MLflow error."})
public final class RegisterCommand implements Callable<Integer> {
    /** A day: MLflow makes a version READY in seconds to minutes; longer only hides a stuck server. */
    static final long LONGEST_READY_TIMEOUT_SECONDS = 86_400;

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--run-id", required = true, paramLabel = "ID", description = "The run that logged the model.")
    private String runId;

    @Option(names = "--artifact-path", paramLabel = "NAME", defaultValue = "model",
            description = "The model's name in the run: log_model(name=…) in MLflow 3, artifact_path in 2.x "
                    + "(default: ${DEFAULT-VALUE}).")
    private String artifactPath;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Registered model name.")
    private String name;

    @Option(names = "--alias", paramLabel = "ALIAS", description = "Alias to point at the version, e.g. challenger.")
    private String alias;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "Version tag of your own (repeatable).")
    private List<String> tags = new ArrayList<>();

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "", description = "Version description.")
    private String description;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Data file whose SHA-256 goes into the lineage, e.g. the training set (repeatable).")
    private List<Path> data = new ArrayList<>();

    @Option(names = "--git-commit", paramLabel = "SHA",
            description = "Git commit of the training code (default: GIT_COMMIT, GITHUB_SHA or CI_COMMIT_SHA).")
    private String gitCommit;

    @Option(names = "--force", description = "Set the alias even without a passing validation record; recorded "
            + "on the version as mlcd.registration.forced.")
    private boolean force;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long to wait for the version to become READY (default: ${DEFAULT-VALUE}).")
    private long readyTimeout;

    @Mixin
    private MlflowOptions mlflow;

    @Mixin
    private DebugOption debug;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        Names.named("--run-id", runId);
        Names.named("--name", name);
        Names.named("--artifact-path", artifactPath);
        OptionValues.within("--ready-timeout", readyTimeout, 1, LONGEST_READY_TIMEOUT_SECONDS);
        var userTags = KeyValues.tags("--tag", tags);
        var client = mlflow.connect();
        var lineage = Lineage.fromEnvironment(System.getenv()).withCommit(gitCommit);
        for (Path file : data) {
            lineage = lineage.withData(file);
        }
        var request = new RegistrationRequest(runId, artifactPath, name, alias, userTags, description, lineage, force,
                Duration.ofSeconds(readyTimeout));
        var registration = new Registrar(client, Clock.systemUTC()).register(request);
        var json = VersionJson.of(registration.version());
        json.put("created", registration.created());
        var out = spec.commandLine().getOut();
        out.println(VersionJson.print(json));
        out.flush();
        var err = spec.commandLine().getErr();
        err.println((registration.created() ? "registered" : "already registered by this run and build:") + " '" + name
                + "' version " + registration.version().version() + (alias == null ? "" : " as @" + alias)
                + " (" + client.calls() + " MLflow calls)");
        err.flush();
        return 0;
    }
}
