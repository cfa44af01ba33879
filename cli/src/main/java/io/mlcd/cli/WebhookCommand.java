package io.mlcd.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlcd.events.EventType;
import io.mlcd.util.InputException;
import io.mlcd.util.Names;
import io.mlcd.util.SafeText;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlcd webhook create|list|test}: MLflow's webhooks (MLflow 3.3+ with a database store). */
@Command(name = "webhook", sortOptions = false,
        description = {"Create, list and test the MLflow server's webhooks (MLflow 3.3 or later with a database "
                + "store), e.g. one that calls mlcd watch --listen or a Jenkins job."},
        subcommands = {WebhookCommand.Create.class, WebhookCommand.ListWebhooks.class, WebhookCommand.Test.class},
        footerHeading = "%nExamples:%n",
        footer = {"  mlcd webhook create --url https://ci:8181/ \\",
            "    --events model_version.created \\",
            "    --secret-env MLFLOW_WEBHOOK_SECRET",
            "  mlcd webhook list",
            "  mlcd webhook test 3f2a9c"})
public final class WebhookCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private HelpOption help;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: create, list or test");
    }

    /** {@code mlcd webhook create}. */
    @Command(name = "create", sortOptions = false,
            description = {"Create an active webhook. Its deliveries are signed with the secret in the environment "
                    + "variable given by --secret-env (mlcd watch --listen refuses unsigned ones). MLflow needs "
                    + "https:// unless MLFLOW_WEBHOOK_ALLOWED_SCHEMES allows http, and a public address unless "
                    + "MLFLOW_WEBHOOK_ALLOW_PRIVATE_IPS=true (see docs/webhooks.md)."},
            footerHeading = "%nExamples:%n",
            footer = {"  mlcd webhook create --url https://ci:8181/ \\",
                "    --events model_version.created \\",
                "    --secret-env MLFLOW_WEBHOOK_SECRET",
                "",
                "Prints the webhook as JSON (MLflow never returns the secret)."})
    public static final class Create implements Callable<Integer> {
        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--url", required = true, paramLabel = "URL", description = "Where MLflow sends the events.")
        private String url;

        @Option(names = "--events", required = true, split = ",", paramLabel = "EVENT",
                description = "Comma-separated events: model_version.created, model_version_alias.created, "
                        + "model_version_alias.deleted, model_version_tag.set, model_version_tag.deleted, "
                        + "registered_model.created.")
        private List<String> events;

        @Option(names = "--secret-env", paramLabel = "VAR",
                description = "Environment variable holding the signing secret (never give the secret itself).")
        private String secretEnv;

        @Option(names = "--name", paramLabel = "NAME", defaultValue = "mlcd",
                description = "The webhook's name in MLflow (default: ${DEFAULT-VALUE}).")
        private String name;

        @Mixin
        private MlflowOptions mlflow;

        @Mixin
        private DebugOption debug;

        @Mixin
        private HelpOption help;

        @Override
        public Integer call() throws Exception {
            checkUrl(url);
            Names.named("--name", name);
            var ids = new ArrayList<String>();
            for (var event : events) {
                ids.add(EventType.parse("--events", event).id());
            }
            var secret = secretEnv == null ? null : SecretEnv.read("--secret-env", secretEnv);
            var client = mlflow.connect();
            var webhook = client.webhooks().create(name, url, ids, secret);
            print(spec, webhook);
            var err = spec.commandLine().getErr();
            err.println("created webhook " + webhook.id() + (secret == null
                    ? " WITHOUT a secret: its deliveries are unsigned, and mlcd watch --listen refuses them" : ""));
            err.flush();
            return 0;
        }

        private static void checkUrl(final String url) {
            URI uri;
            try {
                uri = URI.create(url.strip());
            }
            catch (IllegalArgumentException e) {
                throw new InputException("--url '%s' is not a valid URL", SafeText.uri(url));
            }
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new InputException("--url must be an http:// or https:// URL with a host, got '%s'",
                        SafeText.uri(url));
            }
            if (uri.getUserInfo() != null) {
                throw new InputException("--url must not hold a user name or password: the signature authenticates");
            }
        }
    }

    /** {@code mlcd webhook list}. */
    @Command(name = "list", sortOptions = false, description = "List the server's webhooks as JSON.",
            footerHeading = "%nExamples:%n", footer = {"  mlcd webhook list"})
    public static final class ListWebhooks implements Callable<Integer> {
        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        private MlflowOptions mlflow;

        @Mixin
        private DebugOption debug;

        @Mixin
        private HelpOption help;

        @Override
        public Integer call() throws Exception {
            print(spec, mlflow.connect().webhooks().list());
            return 0;
        }
    }

    /** {@code mlcd webhook test}. */
    @Command(name = "test", sortOptions = false,
            description = "Ask MLflow to send the webhook an example event of its first type; prints the answer.",
            footerHeading = "%nExamples:%n",
            footer = {"  mlcd webhook test 3f2a9c",
                "",
                "Exit status: 0 the receiver accepted it, 1 it did not, 2 usage or MLflow error."})
    public static final class Test implements Callable<Integer> {
        @Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The webhook's id (see mlcd webhook list).")
        private String id;

        @Mixin
        private MlflowOptions mlflow;

        @Mixin
        private DebugOption debug;

        @Mixin
        private HelpOption help;

        @Override
        public Integer call() throws Exception {
            var result = mlflow.connect().webhooks().test(id);
            print(spec, result);
            var err = spec.commandLine().getErr();
            err.println(result.success() ? "webhook " + id + ": the receiver answered HTTP " + result.responseStatus()
                    : "webhook " + id + ": delivery failed: " + (result.errorMessage().isEmpty()
                            ? "HTTP " + result.responseStatus() : SafeText.quote(result.errorMessage())));
            err.flush();
            return result.success() ? 0 : 1;
        }
    }

    private static void print(final CommandLine.Model.CommandSpec spec, final Object value) throws Exception {
        var out = spec.commandLine().getOut();
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }
}
