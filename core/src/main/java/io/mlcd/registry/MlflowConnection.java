package io.mlcd.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Where the MLflow tracking server is and how to authenticate: a bearer token, or basic auth
 * with user name and password, read from options or the standard MLFLOW_* variables. TLS is
 * always verified, against Java's trust store or, for a server with a private certificate
 * authority, against the certificates given ({@code MLFLOW_TRACKING_SERVER_CERT_PATH}).
 * {@link #toString()} shows no secret.
 */
public final class MlflowConnection {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final URI uri;
    @CheckForNull
    private final String token;
    @CheckForNull
    private final String username;
    @CheckForNull
    private final String password;
    private final boolean insecureTls;
    private final Duration timeout;
    @CheckForNull
    private final String trustedCertificates;

    public MlflowConnection(final URI uri, @CheckForNull final String token, @CheckForNull final String username,
            @CheckForNull final String password, final boolean insecureTls) {
        this(uri, token, username, password, insecureTls, DEFAULT_TIMEOUT, null);
    }

    private MlflowConnection(final URI uri, @CheckForNull final String token, @CheckForNull final String username,
            @CheckForNull final String password, final boolean insecureTls, final Duration timeout,
            @CheckForNull final String trustedCertificates) {
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new InputException("the MLflow tracking URI must start with http:// or https://, got '%s'",
                    uri.getScheme() == null ? uri.toString() : uri.getScheme() + "://...");
        }
        if (uri.getUserInfo() != null) {
            throw new InputException("put MLflow credentials in MLFLOW_TRACKING_USERNAME/PASSWORD or "
                    + "MLFLOW_TRACKING_TOKEN, not in the tracking URI");
        }
        this.uri = URI.create(uri.toString().replaceAll("/+$", ""));
        this.token = blankToNull(token);
        this.username = blankToNull(username);
        this.password = password;
        this.insecureTls = insecureTls;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InputException("the MLflow timeout must be positive, got %s s", timeout.toSeconds());
        }
        this.timeout = timeout;
        this.trustedCertificates = blankToNull(trustedCertificates);
    }

    /**
     * @param trackingUri the --tracking-uri option, or null to use MLFLOW_TRACKING_URI
     * @param environment the process environment (MLFLOW_TRACKING_TOKEN, _USERNAME, _PASSWORD,
     *                    _INSECURE_TLS)
     */
    public static MlflowConnection of(@CheckForNull final String trackingUri, final Map<String, String> environment) {
        var uri = trackingUri != null ? trackingUri : environment.get("MLFLOW_TRACKING_URI");
        if (uri == null || uri.isBlank()) {
            throw new InputException("no MLflow tracking server: give --tracking-uri or set MLFLOW_TRACKING_URI");
        }
        MlflowConnection connection;
        try {
            connection = new MlflowConnection(URI.create(uri.strip()), environment.get("MLFLOW_TRACKING_TOKEN"),
                    environment.get("MLFLOW_TRACKING_USERNAME"), environment.get("MLFLOW_TRACKING_PASSWORD"),
                    "true".equalsIgnoreCase(environment.get("MLFLOW_TRACKING_INSECURE_TLS")));
        }
        catch (IllegalArgumentException e) {
            throw new InputException("the MLflow tracking URI is not a valid URI");
        }
        var certificates = environment.get("MLFLOW_TRACKING_SERVER_CERT_PATH");
        if (certificates == null || certificates.isBlank()) {
            return connection;
        }
        try {
            return connection.trusting(Files.readString(Path.of(certificates), StandardCharsets.US_ASCII));
        }
        catch (IOException | InvalidPathException e) {
            throw new InputException("cannot read MLFLOW_TRACKING_SERVER_CERT_PATH %s: %s", certificates,
                    e.getMessage());
        }
    }

    /** The same server, verified against these PEM certificates instead of Java's trust store. */
    public MlflowConnection trusting(@CheckForNull final String pem) {
        return new MlflowConnection(uri, token, username, password, insecureTls, timeout, pem);
    }

    /** PEM certificates the server's TLS certificate must chain to, or null for Java's trust store. */
    @CheckForNull
    public String trustedCertificates() {
        return trustedCertificates;
    }

    public URI uri() {
        return uri;
    }

    /** The same server with another limit for each request's answer. */
    public MlflowConnection withTimeout(final Duration limit) {
        return new MlflowConnection(uri, token, username, password, insecureTls, limit, trustedCertificates);
    }

    /** How long one request may wait for its answer before it counts as failed. */
    public Duration timeout() {
        return timeout;
    }

    public boolean insecureTls() {
        return insecureTls;
    }

    /** The Authorization header value, if any: the token takes precedence, as in MLflow's client. */
    Optional<String> authorization() {
        if (token != null) {
            return Optional.of("Bearer " + token);
        }
        if (username != null) {
            var pair = username + ":" + (password == null ? "" : password);
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    private static String blankToNull(@CheckForNull final String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        var auth = token != null ? "bearer token" : username != null ? "basic auth as " + username : "no auth";
        return uri + " (" + auth + (insecureTls ? ", TLS not verified" : "")
                + (trustedCertificates == null ? "" : ", TLS verified against given CA certificates") + ")";
    }
}
