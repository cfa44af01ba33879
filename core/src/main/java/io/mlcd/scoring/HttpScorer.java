package io.mlcd.scoring;

import com.fasterxml.jackson.databind.ObjectMapper;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.BoundedBody;
import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import io.mlcd.util.Redactor;
import io.mlcd.util.SafeText;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scores rows with a model served over HTTP in MLflow's scoring protocol: {@code POST
 * {url}/invocations}, {@code Content-Type: application/json}, body {@code {"dataframe_split":
 * {"columns": [...], "data": [[...], ...]}}} (missing values as {@code null}), answer
 * {@code {"predictions": [...]}} ({@link Answers}). Rows go in batches of
 * {@link ScoringOptions#batchSize()}, at most {@link ScoringOptions#concurrency()} at once; each
 * request has {@link ScoringOptions#timeout()} from sending to the end of the answer. A batch
 * that fails (no connection, timeout, HTTP 408, 429 or 5xx, an answer that cannot be read or
 * has the wrong number of predictions) is sent again up to {@link ScoringOptions#retries()}
 * times with growing pauses; another 4xx answer is not retried, since the same request gets the
 * same refusal. When a batch finally fails, no further batch is sent and {@link #score} throws
 * a {@link ScoringException} naming it. TLS certificates are verified (the JVM's trust store);
 * a user name and password in the URL are sent as HTTP basic auth and never shown.
 */
public final class HttpScorer implements Scorer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(4);
    private static final long ERROR_BYTES = 4096;

    private final URI endpoint;
    private final String shown;
    private final String authorization;
    private final Redactor redactor;
    private final ScoringOptions options;
    private final AnswerFormat format;
    private final Progress progress;
    private final HttpClient client;
    private final ExecutorService pool;

    public HttpScorer(final URI modelUrl, final ScoringOptions options, final Progress progress) {
        this(modelUrl, options, AnswerFormat.DEFAULT, progress);
    }

    public HttpScorer(final URI modelUrl, final ScoringOptions options, final AnswerFormat format,
            final Progress progress) {
        var scheme = modelUrl.getScheme() == null ? "" : modelUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || modelUrl.getHost() == null) {
            throw new InputException("the model URL must be http:// or https:// with a host, got %s",
                    SafeText.uri(modelUrl));
        }
        var userInfo = modelUrl.getRawUserInfo();
        this.authorization = userInfo == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                URLDecoder.decode(userInfo, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        this.redactor = Redactor.of(userInfo == null ? List.of() : List.of(userInfo,
                URLDecoder.decode(userInfo, StandardCharsets.UTF_8)));
        this.endpoint = endpoint(modelUrl);
        this.shown = shown(modelUrl);
        this.options = options;
        this.format = format;
        this.progress = progress;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(options.timeout().compareTo(Duration.ofSeconds(10)) < 0 ? options.timeout()
                        : Duration.ofSeconds(10))
                .build();
        var threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(options.concurrency(), task -> {
            var thread = new Thread(task, "mlcd-scoring-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The URL scored at, as messages show it: no user name, password or query (it may hold a key). */
    public static String shown(final URI modelUrl) {
        var endpoint = endpoint(modelUrl);
        return endpoint.getScheme() + "://" + endpoint.getRawAuthority() + endpoint.getRawPath();
    }

    private static URI endpoint(final URI url) {
        var path = url.getRawPath() == null ? "" : url.getRawPath();
        if (!path.endsWith("/invocations")) {
            path = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path) + "/invocations";
        }
        try {
            return new URI(url.getScheme().toLowerCase(Locale.ROOT), null, url.getHost(), url.getPort(), null, null,
                    null).resolve(path + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        }
        catch (URISyntaxException e) {
            throw new InputException("the model URL %s is not valid: %s", SafeText.uri(url), e.getReason());
        }
    }

    @Override
    public Predictions score(final Frame rows) {
        var total = rows.rows();
        var batches = (total + options.batchSize() - 1) / options.batchSize();
        var parts = new Predictions[batches];
        var failures = new ConcurrentLinkedQueue<BatchFailure>();
        var stop = new AtomicBoolean();
        var done = new AtomicLong();
        var futures = new ArrayList<Future<?>>();
        for (int b = 0; b < batches; b++) {
            var batch = b;
            futures.add(pool.submit(() -> {
                if (stop.get()) {
                    return;
                }
                var from = batch * options.batchSize();
                var to = Math.min(total, from + options.batchSize());
                try {
                    parts[batch] = scoreBatch(rows.rows(from, to), from, stop);
                    report(done.addAndGet(to - from), total);
                }
                catch (BatchFailure failure) {
                    if (!failure.stopped()) {
                        failures.add(failure);
                    }
                    stop.set(true);
                }
            }));
        }
        awaitAll(futures, stop);
        if (!failures.isEmpty()) {
            var first = failures.stream().min(Comparator.comparingInt(BatchFailure::from)).orElseThrow();
            throw new ScoringException("%s", redactor.message(first.getMessage()));
        }
        try {
            return Predictions.concat(List.of(parts));
        }
        catch (IllegalArgumentException e) {
            throw new ScoringException("the model at %s answered in different forms for different batches (%s)",
                    shown, e.getMessage());
        }
    }

    private synchronized void report(final long rowsDone, final long total) {
        progress.update("scoring at " + shown, rowsDone, (double) rowsDone / total);
    }

    private void awaitAll(final List<Future<?>> futures, final AtomicBoolean stop) {
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        }
        catch (InterruptedException e) {
            stop.set(true);
            futures.forEach(future -> future.cancel(true));
            Thread.currentThread().interrupt();
            throw new ScoringException("interrupted while scoring at %s", shown);
        }
        catch (ExecutionException e) {
            stop.set(true);
            futures.forEach(future -> future.cancel(true));
            throw new IllegalStateException("scoring failed unexpectedly", e.getCause());
        }
    }

    /** One batch, with its retries. */
    private Predictions scoreBatch(final Frame batch, final int from, final AtomicBoolean stop) throws BatchFailure {
        var body = Requests.dataframeSplit(batch);
        String problem = null;
        int attempt = 0;
        while (attempt <= options.retries()) {
            if (attempt > 0) {
                pause(attempt, from);
                if (stop.get()) {
                    throw new BatchFailure(from, null);
                }
            }
            attempt++;
            try {
                var response = send(body);
                var status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return Answers.parse(response.body(), batch.rows(), format);
                }
                problem = "HTTP " + status + errorText(response.body());
                if (!retried(status)) {
                    throw new BatchFailure(from, String.format(Locale.ROOT, "%s failed: %s (not retried: "
                            + "the same request gets the same refusal)", what(from, batch.rows()), problem));
                }
            }
            catch (Answers.BadAnswer e) {
                problem = e.getMessage();
            }
            catch (TimeoutException e) {
                problem = "no answer within " + seconds(options.timeout());
            }
            catch (javax.net.ssl.SSLHandshakeException e) { // an untrusted certificate stays untrusted
                throw new BatchFailure(from, String.format(Locale.ROOT, "%s failed: %s (not retried)",
                        what(from, batch.rows()), ioProblem(e)));
            }
            catch (IOException e) {
                problem = ioProblem(e);
            }
        }
        throw new BatchFailure(from, String.format(Locale.ROOT, "%s failed after %d attempt%s: %s",
                what(from, batch.rows()), attempt, attempt == 1 ? "" : "s", problem));
    }

    private String what(final int from, final int rows) {
        return String.format(Locale.ROOT, "scoring rows %d..%d at %s", from + 1, from + rows, shown);
    }

    private HttpResponse<String> send(final byte[] body) throws IOException, TimeoutException {
        var request = HttpRequest.newBuilder(endpoint).timeout(options.timeout())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        var limit = (16L << 20) + 4096L * options.batchSize();
        var answer = client.sendAsync(request.build(), BoundedBody.handler(limit, ERROR_BYTES));
        try {
            return answer.get(options.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            answer.cancel(true);
            throw e;
        }
        catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
                throw new TimeoutException();
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    private void pause(final int attempt, final int from) throws BatchFailure {
        var pause = FIRST_PAUSE.multipliedBy(1L << Math.min(attempt - 1, 10));
        try {
            Thread.sleep(Math.min(pause.toMillis(), LONGEST_PAUSE.toMillis()));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchFailure(from, null);
        }
    }

    private static boolean retried(final int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** The server's own message: MLflow's {@code message}, another server's {@code error}, or the start of the text. */
    private static String errorText(final String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body;
        try {
            var node = MAPPER.readTree(body);
            if (node != null && node.isObject()) {
                var message = node.hasNonNull("message") ? node.get("message") : node.get("error");
                if (message != null) {
                    text = message.isTextual() ? message.asText() : message.toString();
                }
            }
        }
        catch (IOException e) {
            // not JSON: quote its start
        }
        return ": " + SafeText.line(text, 300);
    }

    private static String ioProblem(final IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "cannot connect" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS failed (" + e.getMessage() + "); the server's certificate must be valid for its address and "
                    + "trusted by the JVM's trust store";
        }
        if (e instanceof BoundedBody.TooLarge) {
            return "the model " + e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static String seconds(final Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s"
                : String.format(Locale.ROOT, "%.3f s", duration.toMillis() / 1000.0);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** A batch that finally failed, the message saying which and why; or one stopped since another failed. */
    private static final class BatchFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final int from;
        private final boolean stopped;

        BatchFailure(final int from, @CheckForNull final String message) {
            super(message == null ? "stopped" : message);
            this.from = from;
            this.stopped = message == null;
        }

        int from() {
            return from;
        }

        boolean stopped() {
            return stopped;
        }
    }
}
