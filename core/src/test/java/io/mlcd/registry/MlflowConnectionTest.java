package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class MlflowConnectionTest {
    @Test
    public void shouldReadTheStandardVariablesAndPreferTheToken() {
        var connection = MlflowConnection.of(null, Map.of("MLFLOW_TRACKING_URI", "https://mlflow.example:5000/",
                "MLFLOW_TRACKING_TOKEN", "t0ken", "MLFLOW_TRACKING_USERNAME", "ci", "MLFLOW_TRACKING_PASSWORD", "pw"));

        assertThat(connection.uri()).hasToString("https://mlflow.example:5000");
        assertThat(connection.authorization()).contains("Bearer t0ken");
        assertThat(connection.toString()).isEqualTo("https://mlflow.example:5000 (bearer token)").doesNotContain("t0ken");
    }

    @Test
    public void shouldUseBasicAuthAndLetTheOptionWin() {
        var connection = MlflowConnection.of("http://127.0.0.1:5000", Map.of("MLFLOW_TRACKING_URI", "http://other",
                "MLFLOW_TRACKING_USERNAME", "ci", "MLFLOW_TRACKING_PASSWORD", "pw"));

        assertThat(connection.uri()).hasToString("http://127.0.0.1:5000");
        assertThat(connection.authorization()).contains("Basic Y2k6cHc=");
        assertThat(connection.toString()).isEqualTo("http://127.0.0.1:5000 (basic auth as ci)").doesNotContain("pw");
    }

    @Test
    public void shouldRejectMissingForeignAndCredentialBearingUris() {
        assertThatThrownBy(() -> MlflowConnection.of(null, Map.of())).isInstanceOf(InputException.class)
                .hasMessage("no MLflow tracking server: give --tracking-uri or set MLFLOW_TRACKING_URI");
        assertThatThrownBy(() -> MlflowConnection.of("databricks", Map.of()))
                .hasMessageContaining("must start with http:// or https://");
        assertThatThrownBy(() -> MlflowConnection.of("databricks://profile", Map.of()))
                .hasMessage("the MLflow tracking URI must start with http:// or https://, got 'databricks://profile'");
    }

    @Test
    public void shouldRejectCredentialsInAnyUriWithoutRepeatingThem() {
        for (String uri : List.of("https://user:s3cret@host", "http://ci:s3cret@mlflow_host:5000", "ci:s3cret@host:5000",
                "//ci:s3cret@host", "http://ci:s3cret@host:5000/a b", "http://ci:s3c/ret@host")) {
            assertThatThrownBy(() -> MlflowConnection.of(uri, Map.of())).as(uri).isInstanceOf(InputException.class)
                    .hasMessage("put MLflow credentials in MLFLOW_TRACKING_USERNAME/PASSWORD or MLFLOW_TRACKING_TOKEN, "
                            + "not in the tracking URI");
            assertThatThrownBy(() -> new MlflowConnection(URI.create(uri.replace(" ", "%20")), null, null, null, false))
                    .as(uri).hasMessageNotContaining("s3c");
        }
        assertThatThrownBy(() -> MlflowConnection.of("http://mlflow_host:5000", Map.of()))
                .hasMessage("the MLflow tracking URI 'http://mlflow_host:5000' has no host name that Java accepts "
                        + "(letters, digits, '-' and '.'; no '_')");
        assertThatThrownBy(() -> MlflowConnection.of("http://host:5000/a b\u001b[2J", Map.of()))
                .hasMessage("the MLflow tracking URI 'http://host:5000/a b\\e[2J' is not a valid URI");
    }

    @Test
    public void shouldRedactTheTokenThePasswordAndTheirHeaderValues() {
        var basic = MlflowConnection.of("https://mlflow.example", Map.of("MLFLOW_TRACKING_USERNAME", "ci",
                "MLFLOW_TRACKING_PASSWORD", "pw-1234"));
        var bearer = MlflowConnection.of("https://mlflow.example", Map.of("MLFLOW_TRACKING_TOKEN", "t0ken-5678"));

        assertThat(basic.redactor().redact("Authorization: " + basic.authorization().orElseThrow() + ", pw-1234, ci"))
                .isEqualTo("Authorization: Basic ****, ****, ci");
        assertThat(bearer.redactor().redact("Authorization: " + bearer.authorization().orElseThrow()))
                .isEqualTo("Authorization: Bearer ****");
        assertThat(MlflowConnection.redactor(Map.of("MLFLOW_TRACKING_TOKEN", "t0ken-5678", "MLFLOW_TRACKING_USERNAME", "ci",
                "MLFLOW_TRACKING_PASSWORD", "pw-1234")).redact("t0ken-5678 pw-1234 Y2k6cHctMTIzNA== ci"))
                .isEqualTo("**** **** **** ci");
        assertThat(MlflowConnection.redactor(Map.of()).redact("pw-1234")).isEqualTo("pw-1234");
    }

    @Test
    public void shouldCheckATrackingUriFromAFormAsAConnectionWouldWarningOfPlainHttp() {
        assertThat(MlflowConnection.checkTrackingUri(" https://mlflow.example:5000/ ")).isEmpty();
        assertThat(MlflowConnection.checkTrackingUri("http://10.0.0.7:5000"))
                .contains("Plain http:// sends credentials unencrypted; use https:// outside a trusted network.");
        for (String blank : new String[] {null, "", "  "}) {
            assertThatThrownBy(() -> MlflowConnection.checkTrackingUri(blank)).isInstanceOf(InputException.class)
                    .hasMessage("Give the tracking server's http:// or https:// address.");
        }
        assertThatThrownBy(() -> MlflowConnection.checkTrackingUri("https://ci:s3cret@mlflow.example"))
                .isInstanceOf(InputException.class).hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> MlflowConnection.checkTrackingUri("databricks://profile"))
                .hasMessage("the MLflow tracking URI must start with http:// or https://, got 'databricks://profile'");
        assertThatThrownBy(() -> MlflowConnection.checkTrackingUri("http://host:5000/a b"))
                .isInstanceOf(InputException.class).hasMessageStartingWith("Illegal character in path");
    }
}
