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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay in front of a real MLflow server that injects faults: it can lose the answer to
 * one request (the server did the work, the client never hears of it) and then run an action
 * such as stopping the server, or swallow every request without answering (a hung server).
 */
public final class FaultProxy implements Closeable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicReference<String> trigger = new AtomicReference<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile Runnable action = () -> { };
    private volatile boolean hang;

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
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                if (request) {
                    var fragment = trigger.get();
                    if (fragment != null && new String(buffer, 0, read, StandardCharsets.ISO_8859_1).contains(fragment)
                            && trigger.compareAndSet(fragment, null)) {
                        loseAnswer[0] = true;
                    }
                }
                else if (loseAnswer[0]) {
                    from.close();
                    to.close();
                    action.run();
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        }
        catch (IOException e) {
            // one side closed: close the other
        }
        closeQuietly(from);
        closeQuietly(to);
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
