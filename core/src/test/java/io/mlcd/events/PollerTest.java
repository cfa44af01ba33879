package io.mlcd.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcd.registry.ModelVersion;
import io.mlcd.registry.Promoter;
import io.mlcd.testkit.MlflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The poller against a real MLflow server (3.x; bin/test runs it again on MLflow 2.x, which sends
 * no webhooks): it names each registry change as the event MLflow would send, and its cursor,
 * saved after every event, carries a restarted watcher on without replaying or missing one.
 */
public class PollerTest {
    @ClassRule
    public static final MlflowServer SERVER = new MlflowServer();

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static RegistryWrites writes;

    @BeforeClass
    public static void logModel() throws Exception {
        writes = new RegistryWrites(SERVER, SERVER.logModels("poller-test", 1, null, Map.of()).runs().get(0));
    }

    private static Poller poller() {
        return new Poller(writes.mlflow().registry(), Clock.systemUTC());
    }

    private static Watcher watcher(final Path state, final String model, final List<String> handled,
            final OwnWrites own, final List<String> log) {
        var filter = new EventFilter(Set.of(model), EnumSet.allOf(EventType.class), Set.of());
        return new Watcher(new WatchStateFile(state), filter, own, event -> handled.add(describe(event)), log::add);
    }

    private static String describe(final ModelEvent event) {
        return event.type() + " " + event.version() + (event.alias().isEmpty() ? "" : " @" + event.alias())
                + event.tagKey().map(key -> " " + key + "=" + event.tags().get(key)).orElse("");
    }

    private static List<String> poll(final Watcher watcher, final List<String> handled) throws InterruptedException {
        handled.clear();
        watcher.poll(poller());
        return List.copyOf(handled);
    }

    @Test
    public void shouldNameEachChangeAsTheEventMlflowWouldSend() throws Exception {
        var model = "poll-changes";
        var handled = new ArrayList<String>();
        var log = new ArrayList<String>();
        var watcher = watcher(FOLDER.newFile().toPath(), model, handled, null, log);
        var registry = writes.mlflow().registry();
        var v1 = writes.register(model, "https://ci.example.com/job/train/");

        assertThat(poll(watcher, handled)).as("the first poll only records where the registry is").isEmpty();
        assertThat(log).anyMatch(line -> line.startsWith("watching '" + model + "' from now: 1 version(s)"));

        var v2 = writes.register(model, "https://ci.example.com/job/train/");
        registry.setAlias(model, "champion", v1);
        registry.setTags(model, v1, Map.of("stage", "canary"));
        assertThat(poll(watcher, handled)).containsExactly("model_version.created " + v2,
                "model_version_tag.set " + v1 + " stage=canary", "model_version_alias.created " + v1 + " @champion");

        registry.setAlias(model, "champion", v2);
        registry.setTags(model, v1, Map.of("stage", "retired"));
        assertThat(poll(watcher, handled)).containsExactly("model_version_tag.set " + v1 + " stage=retired",
                "model_version_alias.created " + v2 + " @champion");

        registry.deleteTag(model, v1, "stage");
        registry.deleteAlias(model, "champion");
        assertThat(poll(watcher, handled)).containsExactly("model_version_tag.deleted " + v1 + " stage=",
                "model_version_alias.deleted  @champion");

        assertThat(poll(watcher, handled)).as("nothing changed").isEmpty();
    }

    @Test
    public void shouldNeitherReplayNorMissAnEventAcrossARestart() throws Exception {
        var model = "poll-restart";
        var state = FOLDER.getRoot().toPath().resolve("restart.json");
        var handled = new ArrayList<String>();
        var first = watcher(state, model, handled, null, new ArrayList<>());
        poll(first, handled);
        var v1 = writes.register(model, "https://ci.example.com/job/train/");
        assertThat(poll(first, handled)).containsExactly("model_version.created " + v1);

        // the watcher is gone (killed); the registry changes meanwhile
        var v2 = writes.register(model, "https://ci.example.com/job/train/");
        writes.mlflow().registry().setAlias(model, "challenger", v2);
        var restarted = watcher(state, model, handled, null, new ArrayList<>());

        assertThat(poll(restarted, handled)).containsExactly("model_version.created " + v2,
                "model_version_alias.created " + v2 + " @challenger");
        assertThat(poll(watcher(state, model, handled, null, new ArrayList<>()), handled)).isEmpty();
    }

    @Test
    public void shouldRunAgainAnEventWhoseHandlerWasStoppedHalfway() throws Exception {
        var model = "poll-stopped";
        var state = FOLDER.getRoot().toPath().resolve("stopped.json");
        var handled = new ArrayList<String>();
        poll(watcher(state, model, handled, null, new ArrayList<>()), handled);
        var v1 = writes.register(model, "https://ci.example.com/job/train/");
        var v2 = writes.register(model, "https://ci.example.com/job/train/");
        var filter = new EventFilter(Set.of(model), Set.of(), Set.of());
        var stopping = new Watcher(new WatchStateFile(state), filter, null, event -> {
            handled.add(describe(event));
            if (event.version().equals(v2)) {
                throw new InterruptedException("stop signal while the command runs");
            }
        }, line -> { });

        try {
            stopping.poll(poller());
        }
        catch (InterruptedException e) {
            // the watch stops here
        }
        assertThat(handled).containsExactly("model_version.created " + v1, "model_version.created " + v2);
        assertThat(Files.readString(state)).contains("\"" + v1 + "\"").doesNotContain("\"" + v2 + "\"");

        assertThat(poll(watcher(state, model, handled, null, new ArrayList<>()), handled))
                .containsExactly("model_version.created " + v2);
    }

    @Test
    public void shouldKeepAPostponedEventForTheNextPoll() throws Exception {
        var model = "poll-postponed";
        var state = FOLDER.getRoot().toPath().resolve("postponed.json");
        var handled = new ArrayList<String>();
        poll(watcher(state, model, handled, null, new ArrayList<>()), handled);
        var v1 = writes.register(model, "https://ci.example.com/job/train/");
        var v2 = writes.register(model, "https://ci.example.com/job/train/");
        var filter = new EventFilter(Set.of(model), Set.of(), Set.of());
        var log = new ArrayList<String>();
        var disabled = new Watcher(new WatchStateFile(state), filter, null, event -> {
            if (event.version().equals(v2)) {
                throw new Watcher.Postponed("the job is disabled");
            }
            handled.add(describe(event));
        }, log::add);

        disabled.poll(poller());

        assertThat(handled).containsExactly("model_version.created " + v1);
        assertThat(log).anyMatch(line -> line.startsWith("postponed model_version.created of '" + model + "' version "
                + v2 + ": the job is disabled"));
        assertThat(poll(watcher(state, model, handled, null, new ArrayList<>()), handled))
                .as("enabled again: the postponed event, and only it").containsExactly("model_version.created " + v2);
    }

    @Test
    public void shouldIgnoreWhatMlcdWroteFromTheWatchedPipelineOnly() throws Exception {
        var model = "poll-own";
        var handled = new ArrayList<String>();
        var log = new ArrayList<String>();
        var registry = writes.mlflow().registry();
        OwnWrites own = new OwnWrites("https://ci.example.com/job/deploy/", (name, version) -> registry
                .version(name, version).map(ModelVersion::tags).orElse(Map.of()));
        var watcher = watcher(FOLDER.newFile().toPath(), model, handled, own, log);
        poll(watcher, handled);
        var trained = writes.register(model, "https://ci.example.com/job/train/");
        var deployed = writes.register(model, "https://ci.example.com/job/deploy/");
        var promoter = new Promoter(writes.mlflow(), Clock.systemUTC());
        promoter.promote(model, deployed, "champion", "previous", true, "https://ci.example.com/job/deploy/12/");
        promoter.promote(model, trained, "challenger", "former", true, "https://ci.example.com/job/train/3/");

        assertThat(poll(watcher, handled)).containsExactly("model_version.created " + trained,
                "model_version_alias.created " + trained + " @challenger");
        assertThat(log).anyMatch(line -> line.contains("ignored model_version.created of '" + model + "' version "
                + deployed + ": caused by mlcd's own writes from https://ci.example.com/job/deploy/"))
                .anyMatch(line -> line.contains("ignored model_version_alias.created of '" + model + "' version "
                        + deployed));

        registry.setAlias(model, "challenger", deployed);
        assertThat(poll(watcher, handled)).as("an alias moved by hand, not by promote")
                .containsExactly("model_version_alias.created " + deployed + " @challenger");
    }
}
