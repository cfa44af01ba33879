package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.Test;

public class MlflowUiTest {
    @Test
    public void shouldLinkRunsAndVersionsWithoutCredentials() {
        var ui = new MlflowUi(URI.create("https://ci:s3cret@mlflow.example:8443/tracking/"));

        assertThat(ui.run("12", "ab34")).isEqualTo("https://mlflow.example:8443/tracking/#/experiments/12/runs/ab34");
        assertThat(ui.modelVersion("credit default/é", "3"))
                .isEqualTo("https://mlflow.example:8443/tracking/#/models/credit%20default%2F%C3%A9/versions/3");
    }

    @Test
    public void shouldRefuseSchemesABrowserWouldRun() {
        assertThatThrownBy(() -> new MlflowUi(URI.create("javascript:alert(1)")))
                .hasMessage("the MLflow tracking URI must start with http:// or https://, got 'javascript:...'");
    }

    @Test
    public void shouldKeepAPlainServerRoot() {
        assertThat(new MlflowUi(URI.create("http://127.0.0.1:5000")).modelVersion("churn", "1"))
                .isEqualTo("http://127.0.0.1:5000/#/models/churn/versions/1");
    }
}
