package io.mlcd.util;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads an answer's body into memory up to a limit, so that no server can fill it: a successful
 * answer beyond its limit fails with {@link TooLarge} (at once when its Content-Length says so),
 * an error answer is kept up to its limit and the rest left unread, since only its start is
 * ever quoted. Stopping early closes the connection.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<String> {
    private final long limit;
    private final boolean keepStart;
    private final long declared;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedBody(final long limit, final boolean keepStart, final long declared) {
        this.limit = limit;
        this.keepStart = keepStart;
        this.declared = declared;
    }

    /**
     * @param answerLimit bytes a successful answer may have
     * @param errorLimit  bytes kept of an error answer (status 300 and above)
     */
    public static HttpResponse.BodyHandler<String> handler(final long answerLimit, final long errorLimit) {
        return info -> info.statusCode() < 300
                ? new BoundedBody(answerLimit, false, info.headers().firstValueAsLong("Content-Length").orElse(-1))
                : new BoundedBody(errorLimit, true, -1);
    }

    @Override
    public void onSubscribe(final Flow.Subscription given) {
        subscription = given;
        if (declared > limit) {
            tooLarge();
            return;
        }
        given.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(final List<ByteBuffer> items) {
        if (body.isDone()) {
            return; // cancelled: what still arrives is dropped
        }
        for (ByteBuffer item : items) {
            var room = limit - bytes.size();
            if (item.remaining() > room) {
                if (keepStart) {
                    write(item, (int) room);
                    subscription.cancel();
                    onComplete();
                }
                else {
                    tooLarge();
                }
                return;
            }
            write(item, item.remaining());
        }
    }

    @Override
    public void onError(final Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toString(StandardCharsets.UTF_8));
    }

    @Override
    public CompletionStage<String> getBody() {
        return body;
    }

    private void write(final ByteBuffer item, final int count) {
        var chunk = new byte[count];
        item.get(chunk);
        bytes.write(chunk, 0, count);
    }

    private void tooLarge() {
        subscription.cancel();
        body.completeExceptionally(new TooLarge(limit));
    }

    /** A successful answer larger than mlcd reads. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(final long limit) {
            super(String.format(Locale.ROOT, "answered more than %d MB (%,d bytes), the most mlcd reads of an answer",
                    limit / (1024 * 1024), limit));
        }
    }
}
