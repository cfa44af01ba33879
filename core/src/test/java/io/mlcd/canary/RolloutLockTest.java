package io.mlcd.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** One rollout per router: within this JVM, against another process, and for every spelling of a router. */
public class RolloutLockTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** A router URL no other test on this machine uses. */
    private static String uniqueUrl() {
        return "http://router-" + UUID.randomUUID() + ".test/weights";
    }

    private static Router http(final String url) {
        return new HttpRouter(URI.create(url), Duration.ofSeconds(1));
    }

    private static Router haproxy(final String address, final String backend) {
        return new HaproxyRouter(new HaproxyRuntime(address, Duration.ofSeconds(1)), backend, "stable", "canary");
    }

    @Test
    public void shouldRefuseASecondRolloutOnTheSameRouterInThisJvmAndNameTheHolder() {
        var url = uniqueUrl();
        var host = URI.create(url).getHost();
        try (var first = RolloutLock.acquire(http(url), "Jenkins build job/42")) {
            assertThatThrownBy(() -> RolloutLock.acquire(http("HTTP://" + host.toUpperCase(java.util.Locale.ROOT)
                    + ":80/other/../weights#top"), "Jenkins build job/43"))
                    .isInstanceOf(InputException.class)
                    .hasMessageMatching("another rollout is running on http://" + host + ":80/weights: Jenkins build "
                            + "job/42, since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ; wait for it to end or stop it first");
            try (var other = RolloutLock.acquire(http(uniqueUrl()), "Jenkins build job/44")) {
                assertThat(other.key()).as("another router is free").isNotEqualTo(first.key());
            }
        }
        try (var again = RolloutLock.acquire(http(url), "Jenkins build job/43")) {
            assertThat(again.key()).as("free once released").isEqualTo("http://" + host + ":80/weights");
        }
    }

    @Test
    public void shouldRefuseWhileAnotherProcessHoldsItAndBeFreeOnceThatProcessDies() throws Exception {
        var url = uniqueUrl();
        var child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), url).redirectErrorStream(true).start();
        try {
            var line = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).isEqualTo("locked " + http(url).lockKey());

            assertThatThrownBy(() -> RolloutLock.acquire(http(url), "this test"))
                    .hasMessageContaining("another rollout is running on " + http(url).lockKey() + ": child pid "
                            + child.pid() + ", since ")
                    .hasMessageMatching(".*\\(lock .*mlcd-locks/[0-9a-f]{64}\\.lock\\); wait for it to end or stop it "
                            + "first");
        }
        finally {
            child.destroyForcibly(); // SIGKILL: no clean-up in the child; the system frees its file lock
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        try (var lock = RolloutLock.acquire(http(url), "this test")) {
            assertThat(lock.key()).isEqualTo(http(url).lockKey());
        }
    }

    @Test
    public void shouldSpellTheSameRouterTheSameWay() throws Exception {
        assertThat(haproxy("LOCALHOST:09999", "model").lockKey()).isEqualTo(haproxy("127.0.0.1:9999", "model").lockKey())
                .isEqualTo("haproxy 127.0.0.1:9999 backend model");
        assertThat(haproxy("[0:0:0:0:0:0:0:1]:9999", "model").lockKey()).isEqualTo("haproxy [0:0:0:0:0:0:0:1]:9999 "
                + "backend model").isEqualTo(haproxy("[::1]:9999", "model").lockKey());
        assertThat(haproxy("127.0.0.1:9999", "other").lockKey()).isEqualTo("haproxy 127.0.0.1:9999 backend other");
        var socket = Files.createFile(folder.getRoot().toPath().resolve("admin.sock")).toRealPath();
        var link = Files.createSymbolicLink(folder.getRoot().toPath().resolve("link.sock"), socket);
        assertThat(haproxy(folder.getRoot() + "/./sub/../" + link.getFileName(), "model").lockKey())
                .isEqualTo("haproxy " + socket + " backend model");
        assertThat(http("https://alice:secret@Router.Example/w?x=1#f").lockKey()).as("no credentials")
                .isEqualTo("https://router.example:443/w?x=1");
        assertThat(http("http://router.example").lockKey()).isEqualTo("http://router.example:80/");
    }

    @Test
    public void shouldTakeAndReleaseTheLockOnAnInterruptedThread() {
        Thread.currentThread().interrupt();
        try (var lock = RolloutLock.acquire(http(uniqueUrl()), "an aborted build")) {
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        }
        finally {
            assertThat(Thread.interrupted()).isTrue();
        }
    }

    @Test
    public void shouldRefuseRouterAddressesThatCannotWork() {
        assertThatThrownBy(() -> http("localhost:1")).isInstanceOf(InputException.class)
                .hasMessage("the router URL must be http:// or https:// with a host, got 'localhost:1'");
        assertThatThrownBy(() -> http("/weights")).isInstanceOf(InputException.class)
                .hasMessage("the router URL must be http:// or https:// with a host, got '/weights'");
        assertThatThrownBy(() -> haproxy("haproxy.internal", "model")).isInstanceOf(InputException.class)
                .hasMessage("the HAProxy runtime API address must be host:port or a socket path, got 'haproxy.internal'");
    }
}
