package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.testkit.MlflowServer;
import io.mlcd.util.InputException;
import java.net.URI;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;

/**
 * A real MLflow server behind TLS with a certificate no trust store knows, as with a private
 * certificate authority: refused by default, trusted when given, and still checked for its name.
 */
public class MlflowTlsTest {
    @ClassRule
    public static final MlflowServer SERVER = MlflowServer.withTls();

    private static MlflowConnection connection(final URI uri) {
        return new MlflowConnection(uri, null, null, null, false);
    }

    @Test
    public void shouldRefuseAnUnknownCertificateAtOnce() {
        var mlflow = new Mlflow(connection(SERVER.uri()));

        assertThatThrownBy(mlflow::ping).isInstanceOf(MlflowException.class)
                .hasMessageContaining("MLflow at " + SERVER.uri() + " failed the TLS check: ")
                .hasMessageEndingWith("(a private certificate authority? give it in MLFLOW_TRACKING_SERVER_CERT_PATH)");
        assertThat(mlflow.calls()).as("not retried").isEqualTo(1);
    }

    @Test
    public void shouldTrustTheCertificatesItIsGiven() throws Exception {
        assertThatCode(() -> new Mlflow(connection(SERVER.uri()).trusting(SERVER.certificatePem())).ping())
                .doesNotThrowAnyException();
        assertThatCode(() -> new Mlflow(MlflowConnection.of(SERVER.uri().toString(),
                Map.of("MLFLOW_TRACKING_SERVER_CERT_PATH", SERVER.certificateFile().toString()))).ping())
                .as("MLflow's own variable").doesNotThrowAnyException();
    }

    @Test
    public void shouldStillCheckTheServersName() throws Exception {
        var byName = URI.create("https://localhost:" + SERVER.uri().getPort()); // the certificate names 127.0.0.1

        assertThatThrownBy(() -> new Mlflow(connection(byName).trusting(SERVER.certificatePem())).ping())
                .isInstanceOf(MlflowException.class).hasMessageContaining("failed the TLS check");
    }

    @Test
    public void shouldExplainCertificatesItCannotUse() {
        assertThatThrownBy(() -> new Mlflow(connection(SERVER.uri()).trusting("not a certificate")))
                .isInstanceOf(InputException.class).hasMessageStartingWith("the CA certificates for MLflow ");
        assertThatThrownBy(() -> MlflowConnection.of(SERVER.uri().toString(),
                Map.of("MLFLOW_TRACKING_SERVER_CERT_PATH", "/nonexistent/ca.pem")))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("cannot read MLFLOW_TRACKING_SERVER_CERT_PATH /nonexistent/ca.pem: ");
    }

    @Test
    public void shouldCheckCertificatesFromAFormWithoutConnecting() throws Exception {
        assertThatCode(() -> MlflowConnection.checkCertificates(SERVER.certificatePem())).doesNotThrowAnyException();
        assertThatThrownBy(() -> MlflowConnection.checkCertificates(
                "-----BEGIN CERTIFICATE-----\nMIIBdGVzdA==\n-----END CERTIFICATE-----"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("the CA certificates for MLflow are not PEM X.509 certificates");
        assertThatThrownBy(() -> MlflowConnection.checkCertificates("no certificate here"))
                .isInstanceOf(InputException.class);
    }
}
