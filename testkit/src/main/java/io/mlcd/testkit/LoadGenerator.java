package io.mlcd.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady client traffic to 127.0.0.1 only: a few threads posting one prediction request each
 * in turn, bounded in requests and time, counting the requests the client saw fail.
 */
public final class LoadGenerator implements AutoCloseable {
    private static final String BODY = "{\"inputs\": [[0.3, -0.2, 1.1]]}";

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread[] threads;

    public LoadGenerator(final URI target, final int threads, final long maxRequests, final Duration maxTime) {
        if (!"127.0.0.1".equals(target.getHost())) {
            throw new IllegalArgumentException("the load generator talks to 127.0.0.1 only, not " + target);
        }
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var request = HttpRequest.newBuilder(target.resolve("/invocations")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        var deadline = System.nanoTime() + maxTime.toNanos();
        this.threads = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            this.threads[i] = new Thread(() -> {
                while (running.get() && System.nanoTime() < deadline && sent.incrementAndGet() <= maxRequests) {
                    try {
                        var response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() >= 400) {
                            failed.incrementAndGet();
                        }
                    }
                    catch (java.io.IOException e) {
                        failed.incrementAndGet();
                    }
                    catch (InterruptedException e) {
                        return;
                    }
                    completed.incrementAndGet();
                }
            }, "load-" + i);
            this.threads[i].setDaemon(true);
            this.threads[i].start();
        }
    }

    /** Requests that finished, well or not. */
    public long completed() {
        return completed.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(15_000);
        }
    }
}
