package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.net.URI;
import org.junit.Test;

/** Credentials as MLflow's own client reads them from MLFLOW_* variables, and as mlcd connects with them. */
public class MlflowCredentialsTest {
    private static final String URI_TEXT = "https://mlflow.example:5000";

    @Test
    public void shouldGiveTheVariablesThatMlflowsClientAndMlcdReadBack() {
        var token = MlflowCredentials.token("t0ken-5678").environment(URI_TEXT);
        var basic = MlflowCredentials.basic("ci", "pw-1234").environment(URI_TEXT);

        assertThat(token).containsExactly(entry("MLFLOW_TRACKING_URI", URI_TEXT),
                entry("MLFLOW_TRACKING_TOKEN", "t0ken-5678"));
        assertThat(basic).containsExactly(entry("MLFLOW_TRACKING_URI", URI_TEXT),
                entry("MLFLOW_TRACKING_USERNAME", "ci"), entry("MLFLOW_TRACKING_PASSWORD", "pw-1234"));
        assertThat(MlflowCredentials.NONE.environment(URI_TEXT)).containsExactly(entry("MLFLOW_TRACKING_URI", URI_TEXT));
        assertThat(MlflowConnection.of(null, token).authorization()).contains("Bearer t0ken-5678");
        assertThat(MlflowConnection.of(null, basic).authorization())
                .isEqualTo(MlflowCredentials.basic("ci", "pw-1234").connection(URI.create(URI_TEXT)).authorization());
    }

    @Test
    public void shouldNameTheSecretVariablesAndShowNoSecret() {
        var variables = MlflowCredentials.basic("ci", "pw-1234").environment(URI_TEXT).keySet();

        assertThat(variables.stream().filter(MlflowCredentials.SECRET_VARIABLES::contains))
                .containsExactly("MLFLOW_TRACKING_PASSWORD");
        assertThat(MlflowCredentials.SECRET_VARIABLES).containsExactlyInAnyOrder("MLFLOW_TRACKING_TOKEN",
                "MLFLOW_TRACKING_PASSWORD");
        assertThat(MlflowCredentials.basic("ci", "pw-1234")).hasToString("basic auth as ci");
        assertThat(MlflowCredentials.token("t0ken-5678")).hasToString("bearer token");
        assertThat(MlflowCredentials.NONE).hasToString("no credentials");
        assertThat(MlflowCredentials.NONE.connection(URI.create(URI_TEXT)).authorization()).isEmpty();
    }
}
