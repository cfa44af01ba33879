package io.mlcd.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import io.mlcd.util.Redactor;
import io.mlcd.util.SafeText;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    private final Redactor redactor;

    public MlflowConnection(final URI uri, @CheckForNull final String token, @CheckForNull final String username,
            @CheckForNull final String password, final boolean insecureTls) {
        this(uri, token, username, password, insecureTls, DEFAULT_TIMEOUT, null);
    }

    private MlflowConnection(final URI uri, @CheckForNull final String token, @CheckForNull final String username,
            @CheckForNull final String password, final boolean insecureTls, final Duration timeout,
            @CheckForNull final String trustedCertificates) {
        refuseUserInfo(uri.toString());
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new InputException("the MLflow tracking URI must start with http:// or https://, got '%s'",
                    SafeText.uri(uri));
        }
        if (uri.getHost() == null) {
            throw new InputException("the MLflow tracking URI '%s' has no host name that Java accepts "
                    + "(letters, digits, '-' and '.'; no '_')", SafeText.uri(uri));
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
        this.redactor = secrets(this.token, this.username, password);
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
        refuseUserInfo(uri); // before parsing, which may fail for the same reason with a vaguer message
        MlflowConnection connection;
        try {
            connection = new MlflowConnection(URI.create(uri.strip()), environment.get("MLFLOW_TRACKING_TOKEN"),
                    environment.get("MLFLOW_TRACKING_USERNAME"), environment.get("MLFLOW_TRACKING_PASSWORD"),
                    "true".equalsIgnoreCase(environment.get("MLFLOW_TRACKING_INSECURE_TLS")));
        }
        catch (IllegalArgumentException e) {
            throw new InputException("the MLflow tracking URI '%s' is not a valid URI", SafeText.uri(uri.strip()));
        }
        var certificates = environment.get("MLFLOW_TRACKING_SERVER_CERT_PATH");
        if (certificates == null || certificates.isBlank()) {
            return connection;
        }
        try {
            return connection.trusting(Files.readString(Path.of(certificates), StandardCharsets.US_ASCII));
        }
        catch (IOException | InvalidPathException e) {
            throw new InputException("cannot read MLFLOW_TRACKING_SERVER_CERT_PATH %s: %s", SafeText.quote(certificates),
                    SafeText.quote(String.valueOf(e.getMessage())));
        }
    }

    /**
     * A tracking URI as a person types it into a form, checked as a connection checks it, without
     * connecting: a problem is an {@link InputException}; plain {@code http://} gets a warning,
     * since it would send credentials unencrypted.
     */
    public static Optional<String> checkTrackingUri(@CheckForNull final String uri) {
        if (uri == null || uri.isBlank()) {
            throw new InputException("Give the tracking server's http:// or https:// address.");
        }
        URI parsed;
        try {
            parsed = new MlflowConnection(URI.create(uri.strip()), null, null, null, false).uri();
        }
        catch (IllegalArgumentException e) {
            throw new InputException("%s", String.valueOf(e.getMessage()));
        }
        return "http".equals(parsed.getScheme()) ? Optional.of("Plain http:// sends credentials unencrypted; use "
                + "https:// outside a trusted network.") : Optional.empty();
    }

    /** Checks PEM certificates for {@link #trusting} without connecting anywhere. */
    public static void checkCertificates(final String pem) {
        TrustedCertificates.sslContext(pem);
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
            return Optional.of("Basic " + basic(username, password));
        }
        return Optional.empty();
    }

    /**
     * Hides this connection's credentials: the token, the password and the basic-auth header
     * value. Whatever mlcd receives from MLflow or sends to it passes through it, and every
     * {@link MlflowException} message; front ends use it on what else they print.
     */
    public Redactor redactor() {
        return redactor;
    }

    /**
     * The same for the credentials in MLFLOW_TRACKING_TOKEN, _USERNAME and _PASSWORD, for a front
     * end that prints messages of steps that may never connect (the CLI's error line).
     */
    public static Redactor redactor(final Map<String, String> environment) {
        return secrets(blankToNull(environment.get("MLFLOW_TRACKING_TOKEN")),
                blankToNull(environment.get("MLFLOW_TRACKING_USERNAME")), environment.get("MLFLOW_TRACKING_PASSWORD"));
    }

    private static Redactor secrets(@CheckForNull final String token, @CheckForNull final String username,
            @CheckForNull final String password) {
        var secrets = new ArrayList<String>();
        secrets.add(token);
        secrets.add(password);
        if (username != null) {
            secrets.add(basic(username, password));
        }
        return Redactor.of(secrets);
    }

    private static String basic(final String username, @CheckForNull final String password) {
        var pair = username + ":" + (password == null ? "" : password);
        return Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * java.net.URI finds no user info where it cannot parse the host (an underscore) nor without a
     * scheme ({@code user:pass@host:5000}), so any {@code @} counts: MLflow addresses have none.
     */
    private static void refuseUserInfo(final String uri) {
        if (uri.indexOf('@') >= 0) {
            throw new InputException("put MLflow credentials in MLFLOW_TRACKING_USERNAME/PASSWORD or "
                    + "MLFLOW_TRACKING_TOKEN, not in the tracking URI");
        }
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
