package io.mlcd.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.events.Delivery.Outcome;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The webhook side of a watch and its state file: an accepted event is kept until its handler
 * has run, across a kill and a restart; a replay after the restart is still a duplicate; a
 * delivery that could not be kept can be sent again.
 */
public class WatcherTest {
    private static final String SECRET = "watcher-secret";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<String> handled = new ArrayList<>();
    private final List<String> log = new ArrayList<>();

    private Watcher watcher(final Path state) {
        return new Watcher(new WatchStateFile(state), new EventFilter(Set.of("churn"), Set.of(), Set.of("champion")),
                null, event -> handled.add(event.type() + " " + event.version() + " " + event.alias()), log::add);
    }

    private static Delivery deliver(final Watcher watcher, final String id, final String body) {
        var timestamp = Long.toString(Instant.now().getEpochSecond());
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = Map.of(WebhookSignature.DELIVERY_ID_HEADER, id, WebhookSignature.TIMESTAMP_HEADER, timestamp,
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(SECRET, id, timestamp, bytes));
        var verifier = new WebhookVerifier(SECRET, Duration.ofMinutes(5), Clock.systemUTC(), watcher.seen());
        return watcher.receive(verifier, headers::get, bytes);
    }

    private static String alias(final String alias, final String version) {
        return "{\"entity\":\"model_version_alias\",\"action\":\"created\",\"timestamp\":\"2026-12-04T03:00:00+00:00\","
                + "\"data\":{\"name\":\"churn\",\"alias\":\"" + alias + "\",\"version\":\"" + version + "\"}}";
    }

    @Test
    public void shouldRunAnAcceptedEventAfterARestartAndStillDropItsReplay() throws Exception {
        var state = folder.getRoot().toPath().resolve("state.json");
        var killed = watcher(state);
        assertThat(deliver(killed, "d-1", alias("champion", "7")).outcome()).isEqualTo(Outcome.ACCEPTED);
        // killed before its handler ran: the state file is all that is left

        var restarted = watcher(state);
        assertThat(log).contains("1 event(s) accepted before a restart are handled first");
        assertThat(restarted.handleNext(Duration.ofSeconds(1))).isTrue();
        assertThat(restarted.handleNext(Duration.ofMillis(100))).isFalse();
        var replay = deliver(restarted, "d-1", alias("champion", "7"));

        assertThat(handled).containsExactly("model_version_alias.created 7 champion");
        assertThat(replay.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(watcher(state).state().pending()).isEmpty();
        assertThat(watcher(state).handleNext(Duration.ofMillis(100))).as("nothing left to run").isFalse();
    }

    @Test
    public void shouldIgnoreWhatTheWatchIsNotFor() throws Exception {
        var watcher = watcher(null);

        var other = deliver(watcher, "d-2", alias("challenger", "7"));
        var otherModel = deliver(watcher, "d-3", alias("champion", "7").replace("churn", "fraud"));

        assertThat(other.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(otherModel.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(watcher.handleNext(Duration.ofMillis(100))).isFalse();
        assertThat(log).containsExactly("delivery d-2: IGNORED model_version_alias.created of 'churn' version 7 "
                + "@challenger (not watched)", "delivery d-3: IGNORED model_version_alias.created of 'fraud' version 7 "
                + "@champion (not watched)");
    }

    @Test
    public void shouldLetMlflowSendAgainWhatCouldNotBeKept() throws Exception {
        var blocked = folder.getRoot().toPath().resolve("blocked");
        var state = blocked.resolve("state.json");
        var watcher = watcher(state);
        Files.writeString(blocked, "a file where the state's folder should be"); // even root cannot write there

        assertThatThrownBy(() -> deliver(watcher, "d-4", alias("champion", "8")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("cannot write the watch state");
        assertThat(watcher.handleNext(Duration.ofMillis(100))).isFalse();
        Files.delete(blocked);

        assertThat(deliver(watcher, "d-4", alias("champion", "8")).outcome()).as("MLflow's retry")
                .isEqualTo(Outcome.ACCEPTED);
        assertThat(Files.readString(state)).contains("d-4");
    }

    @Test
    public void shouldForgetTheCursorOfAModelNoLongerWatched() {
        var state = folder.getRoot().toPath().resolve("state.json");
        var old = new ModelSnapshot(Map.of("1", Map.of()), Map.of("champion", "1"));
        new WatchStateFile(state).save(WatchState.empty().withModel("fraud", old).withModel("churn", old));

        var watcher = watcher(state); // now watching churn only

        assertThat(watcher.state().models()).containsOnlyKeys("churn");
        assertThat(watcher.state().models().get("churn")).isEqualTo(old);
    }
}
