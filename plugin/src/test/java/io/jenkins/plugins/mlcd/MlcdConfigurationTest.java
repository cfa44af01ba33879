package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import org.junit.Rule;
import org.junit.Test;

/** The global configuration from Configuration as Code, and the web form round trip. */
public class MlcdConfigurationTest {
    @Rule
    public JenkinsConfiguredWithCodeRule r = new JenkinsConfiguredWithCodeRule();

    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    public void readsServersFromConfigurationAsCode() throws Exception {
        var config = MlcdConfiguration.get();

        assertEquals(2, config.getServers().size());
        assertEquals("https://mlflow.example:5000", config.server(null).orElseThrow().getTrackingUri());
        assertEquals("mlflow-token", config.server("prod").orElseThrow().getCredentialsId());
        assertNull(config.server("staging").orElseThrow().getCredentialsId());
        assertTrue(config.server("nope").isEmpty());

        var ca = config.server("staging").orElseThrow().getCaCertificates();
        assertTrue(ca.startsWith("-----BEGIN CERTIFICATE-----") && ca.endsWith("-----END CERTIFICATE-----"));
        assertNull(config.server("prod").orElseThrow().getCaCertificates());

        r.configRoundtrip();
        assertEquals(2, MlcdConfiguration.get().getServers().size());
        assertEquals("prod", MlcdConfiguration.get().getDefaultServer());
        assertEquals(ca, MlcdConfiguration.get().server("staging").orElseThrow().getCaCertificates());
    }
}
