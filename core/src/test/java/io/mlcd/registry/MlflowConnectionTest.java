package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
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
        assertThatThrownBy(() -> MlflowConnection.of("https://user:secret@host", Map.of()))
                .hasMessage("put MLflow credentials in MLFLOW_TRACKING_USERNAME/PASSWORD or MLFLOW_TRACKING_TOKEN, "
                        + "not in the tracking URI");
    }
}
