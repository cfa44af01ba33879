package io.mlcd.registry;

import io.mlcd.util.InputException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Addresses of pages in MLflow's web UI, which the tracking server serves at its root and routes
 * after {@code #}: {@code #/experiments/<id>/runs/<run>} and {@code #/models/<name>/versions/<v>}
 * (names encoded as the UI's {@code encodeURIComponent} does). Credentials in the tracking URI
 * never reach a link.
 */
public final class MlflowUi {
    private final String root;

    public MlflowUi(final URI trackingUri) {
        if (!"http".equals(trackingUri.getScheme()) && !"https".equals(trackingUri.getScheme())) {
            throw new InputException("the MLflow tracking URI must start with http:// or https://, got '%s'",
                    trackingUri.getScheme() + ":...");
        }
        var path = trackingUri.getRawPath() == null ? "" : trackingUri.getRawPath().replaceAll("/+$", "");
        this.root = trackingUri.getScheme() + "://" + trackingUri.getHost()
                + (trackingUri.getPort() < 0 ? "" : ":" + trackingUri.getPort()) + path + "/#";
    }

    public String run(final String experimentId, final String runId) {
        return root + "/experiments/" + encode(experimentId) + "/runs/" + encode(runId);
    }

    public String modelVersion(final String name, final String version) {
        return root + "/models/" + encode(name) + "/versions/" + encode(version);
    }

    private static String encode(final String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
