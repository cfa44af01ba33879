package io.mlcd.registry;

import io.mlcd.util.InputException;
import io.mlcd.util.SafeText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS that trusts exactly the given certificates (PEM; a private certificate authority or the
 * server's own certificate), as MLflow's {@code MLFLOW_TRACKING_SERVER_CERT_PATH} does. The
 * certificate chain and the host name are still verified; nothing is trusted blindly.
 */
final class TrustedCertificates {
    private TrustedCertificates() {
    }

    static SSLContext sslContext(final String pem) {
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new InputException("the CA certificates for MLflow hold no certificate");
            }
            var store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            var index = 0;
            for (var certificate : certificates) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (CertificateException e) {
            throw new InputException("the CA certificates for MLflow are not PEM X.509 certificates: %s",
                    SafeText.quote(String.valueOf(e.getMessage())));
        }
        catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("this Java has no usable TLS: " + e.getMessage(), e);
        }
    }
}
