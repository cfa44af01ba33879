package io.mlcd.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A TCP relay in front of a real MLflow server that injects faults: it can lose the answer to
 * one request (the server did the work, the client never hears of it) and then run an action
 * such as stopping the server, swallow every request without answering (a hung server), answer
 * requests itself as a hostile proxy would (echoing them, with an HTML page, a huge body or
 * header), or pass the server's answers on one byte at a time (a trickling network). It keeps
 * the head of every request it sees.
 */
public final class FaultProxy implements Closeable {
    private static final Pattern REQUEST_LINE = Pattern.compile("[A-Z]+ \\S+ HTTP/1\\.[01]\r\n");

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicReference<String> trigger = new AtomicReference<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Runnable action = () -> { };
    private volatile boolean hang;
    private final List<Map.Entry<String, Function<String, byte[]>>> answers = new CopyOnWriteArrayList<>();
    private volatile Duration trickle;

    public FaultProxy(final URI target) throws IOException {
        this.targetPort = target.getPort();
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        var acceptor = new Thread(this::accept, "fault-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** The next request whose text contains {@code fragment} reaches the server, but its answer is lost; then {@code then} runs. */
    public void loseAnswerTo(final String fragment, final Runnable then) {
        action = then;
        trigger.set(fragment);
    }

    /** From now on, requests are read and never answered. */
    public void hang() {
        hang = true;
    }

    /**
     * From now on, requests whose head contains {@code fragment} do not reach the server: the
     * proxy sends the bytes {@code answer} makes of the request's head and closes the connection.
     * The first fragment given that matches decides.
     */
    public void answer(final String fragment, final Function<String, byte[]> answer) {
        answers.add(Map.entry(fragment, answer));
    }

    /** From now on, the server's answers pass with their head at once and then one byte per {@code interval}. */
    public void trickle(final Duration interval) {
        trickle = interval;
    }

    /** The heads (request line and headers) of the requests seen so far, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** An HTTP/1.1 answer with this status and body, after which the connection closes. */
    public static byte[] http(final int status, final String contentType, final String body) {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        var head = "HTTP/1.1 " + status + " Fault\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n";
        var answer = Arrays.copyOf(head.getBytes(StandardCharsets.ISO_8859_1), head.length() + bytes.length);
        System.arraycopy(bytes, 0, answer, head.length(), bytes.length);
        return answer;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                var client = listener.accept();
                sockets.add(client);
                if (hang) {
                    daemon(() -> drain(client));
                    continue;
                }
                Socket server;
                try {
                    server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                }
                catch (IOException e) {
                    client.close(); // the server is down: the client sees the connection dropped
                    continue;
                }
                sockets.add(server);
                var loseAnswer = new boolean[1];
                daemon(() -> pump(client, server, loseAnswer, true));
                daemon(() -> pump(server, client, loseAnswer, false));
            }
            catch (IOException e) {
                return;
            }
        }
    }

    private void pump(final Socket from, final Socket to, final boolean[] loseAnswer, final boolean request) {
        var buffer = new byte[65536];
        var inBody = false;
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                if (request) {
                    var text = new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
                    var head = REQUEST_LINE.matcher(text).lookingAt() ? text.split("\r\n\r\n", 2)[0] : null;
                    if (head != null) {
                        requests.add(head);
                    }
                    var fragment = trigger.get();
                    if (fragment != null && text.contains(fragment) && trigger.compareAndSet(fragment, null)) {
                        loseAnswer[0] = true;
                    }
                    var hostile = head == null ? null : answers.stream().filter(entry -> head.contains(entry.getKey()))
                            .findFirst().orElse(null);
                    if (hostile != null) {
                        answerItself(from, to, hostile.getValue().apply(head));
                        return;
                    }
                }
                else if (loseAnswer[0]) {
                    from.close();
                    to.close();
                    action.run();
                    return;
                }
                var interval = trickle;
                if (!request && interval != null) {
                    inBody = trickle(out, buffer, read, inBody, interval);
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        }
        catch (IOException e) {
            // one side closed: close the other
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    /** Sends the answer in place of the server's, then reads what the client still sends until it closes. */
    private static void answerItself(final Socket client, final Socket server, final byte[] bytes) throws IOException {
        try { // the server's side stays open until the answer is out: closing it would close the client's too
            client.getOutputStream().write(bytes);
            client.getOutputStream().flush();
            client.shutdownOutput();
            client.setSoTimeout(10_000);
            client.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
        finally {
            closeQuietly(server);
            closeQuietly(client);
        }
    }

    /** Writes up to the end of the answer's head at once, the rest one byte per interval; returns whether the body has begun. */
    private static boolean trickle(final OutputStream out, final byte[] buffer, final int read, final boolean inBody,
            final Duration interval) throws IOException, InterruptedException {
        var start = 0;
        if (!inBody) {
            var end = new String(buffer, 0, read, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
            if (end < 0) {
                out.write(buffer, 0, read);
                out.flush();
                return false;
            }
            start = end + 4;
            out.write(buffer, 0, start);
            out.flush();
        }
        for (int i = start; i < read; i++) {
            Thread.sleep(interval.toMillis());
            out.write(buffer[i]);
            out.flush();
        }
        return true;
    }

    private static void drain(final Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        catch (IOException e) {
            // closed by the test
        }
    }

    private static void daemon(final Runnable body) {
        var thread = new Thread(body, "fault-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(final Socket socket) {
        try {
            socket.close();
        }
        catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
