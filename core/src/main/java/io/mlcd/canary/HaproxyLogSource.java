package io.mlcd.canary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * HAProxy's own per-request records: HAProxy sends one syslog line per request over UDP to this
 * source, written with {@code log-format "%b %s %ST %Tr %Ta"} (backend, server, status, server
 * response time and total active time in ms). Every request of the two servers counts; a 5xx
 * status, or no response at all, is an error; {@code %Ta} is the latency the client saw.
 * Entries older than the last window asked for are dropped, so memory follows the window.
 */
public final class HaproxyLogSource implements MetricSource {
    /** The log-format line HAProxy needs for this source. */
    public static final String LOG_FORMAT = "%b %s %ST %Tr %Ta";

    private final DatagramSocket socket;
    private final String backend;
    private final String stable;
    private final String canary;
    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();
    private final Thread receiver;

    private record Entry(Instant at, boolean canary, int status, int activeMillis) {
    }

    /** Listens on the given UDP address (port 0: any free port, see {@link #port()}). */
    public HaproxyLogSource(final InetSocketAddress listen, final String backend, final String stable,
            final String canary, final Clock clock) {
        try {
            this.socket = new DatagramSocket(listen);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot listen for HAProxy logs on UDP " + listen + ": " + e.getMessage(), e);
        }
        this.backend = backend;
        this.stable = stable;
        this.canary = canary;
        this.clock = clock;
        this.receiver = new Thread(this::receive, "haproxy-log-source");
        receiver.setDaemon(true);
        receiver.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void receive() {
        var buffer = new byte[8192];
        while (!socket.isClosed()) {
            var packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            }
            catch (IOException e) {
                return; // closed
            }
            parse(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }
    }

    /** Reads {@code "<134>… haproxy[pid]: backend server status Tr Ta"}; other lines are ignored. */
    void parse(final String line) {
        var fields = line.strip().split("\\s+");
        if (fields.length < 5) {
            return;
        }
        var n = fields.length;
        if (!backend.equals(fields[n - 5])) {
            return;
        }
        var server = fields[n - 4];
        if (!server.equals(stable) && !server.equals(canary)) {
            return;
        }
        try {
            var entry = new Entry(clock.instant(), server.equals(canary), Integer.parseInt(fields[n - 3]),
                    Integer.parseInt(fields[n - 1]));
            synchronized (entries) {
                entries.add(entry);
            }
        }
        catch (NumberFormatException e) {
            // not a line in our log-format
        }
    }

    @Override
    public Sides measure(final Instant from, final Instant to) {
        List<Entry> window = new ArrayList<>();
        synchronized (entries) {
            entries.removeIf(entry -> entry.at().isBefore(from));
            for (Entry entry : entries) {
                if (entry.at().isBefore(to)) {
                    window.add(entry);
                }
            }
        }
        return new Sides(side(window, true), side(window, false));
    }

    private static WindowStats side(final List<Entry> window, final boolean canary) {
        long requests = 0;
        long errors = 0;
        var latencies = new double[window.size()];
        int samples = 0;
        for (Entry entry : window) {
            if (entry.canary() != canary) {
                continue;
            }
            requests++;
            if (entry.status() >= 500 || entry.status() < 0) {
                errors++;
            }
            else if (entry.activeMillis() >= 0) {
                latencies[samples++] = entry.activeMillis();
            }
        }
        return WindowStats.of(requests, errors, java.util.Arrays.copyOf(latencies, samples), new double[0]);
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(1000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "HAProxy logs on UDP port " + port() + " (backend " + backend + ")";
    }
}
