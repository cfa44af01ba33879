package io.mlcd.canary;

import io.mlcd.util.SafeText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HAProxy's runtime API on its stats socket ({@code stats socket … level admin}), a TCP address
 * {@code host:port} or a Unix socket path: one command per connection, the answer read to the end.
 */
public final class HaproxyRuntime {
    private final String address;
    private final Duration timeout;

    public HaproxyRuntime(final String address, final Duration timeout) {
        if (!address.startsWith("/") && !address.matches(".+:\\d{1,5}")) {
            throw new io.mlcd.util.InputException("the HAProxy runtime API address must be host:port or a socket "
                    + "path, got '%s'", address);
        }
        this.address = address;
        this.timeout = timeout;
    }

    /** Sends one command and returns HAProxy's answer. */
    public String command(final String command) {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            var thread = new Thread(runnable, "haproxy-runtime");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<String> answer = executor.submit(() -> exchange(command));
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            throw new RouterException("HAProxy runtime API at " + address + " did not answer '" + command + "' within "
                    + timeout.toMillis() + " ms", e);
        }
        catch (java.util.concurrent.ExecutionException e) {
            throw new RouterException("HAProxy runtime API at " + address + ": "
                    + SafeText.quote(String.valueOf(e.getCause().getMessage())), e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RouterException("interrupted while talking to HAProxy", e);
        }
        finally {
            executor.shutdownNow();
        }
    }

    private String exchange(final String command) throws IOException {
        try (var channel = open()) {
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII)));
            var answer = new java.io.ByteArrayOutputStream();
            var buffer = ByteBuffer.allocate(65536);
            while (channel.read(buffer) >= 0) {
                answer.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private SocketChannel open() throws IOException {
        SocketAddress target;
        SocketChannel channel;
        if (address.startsWith("/")) {
            target = UnixDomainSocketAddress.of(Path.of(address));
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        }
        else {
            var colon = address.lastIndexOf(':');
            target = new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
            channel = SocketChannel.open();
        }
        try {
            channel.connect(target);
            return channel;
        }
        catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The address in one spelling: a socket path absolute, normalised and with symbolic links
     * resolved where it exists; a TCP address with the host in lower case, an IPv6 literal in its
     * canonical form, {@code localhost} as 127.0.0.1 and the port as a number. Host names are
     * not resolved, so two names for one machine stay two addresses.
     */
    String normalised() {
        if (address.startsWith("/")) {
            var path = Path.of(address).toAbsolutePath().normalize();
            try {
                return path.toRealPath().toString();
            }
            catch (IOException e) {
                return path.toString(); // not there (yet): the path as given is the best name
            }
        }
        var colon = address.lastIndexOf(':');
        var host = address.substring(0, colon).toLowerCase(java.util.Locale.ROOT).replaceAll("^\\[|\\]$", "");
        var port = Integer.parseInt(address.substring(colon + 1));
        if ("localhost".equals(host)) {
            host = "127.0.0.1";
        }
        else if (host.contains(":")) {
            try {
                host = java.net.InetAddress.getByName("[" + host + "]").getHostAddress(); // in brackets: never looked up
            }
            catch (java.net.UnknownHostException e) {
                return address; // not an IPv6 literal: connecting fails with the reason
            }
        }
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return address;
    }
}
