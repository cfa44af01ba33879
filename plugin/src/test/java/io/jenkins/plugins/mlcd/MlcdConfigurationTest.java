package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.Rule;
import org.junit.Test;

/**
 * The global configuration from Configuration as Code, the web form round trip, deleting the last
 * server, and the credentials offered for a server.
 */
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

    @Test
    public void theFormDeletesTheLastServer() throws Exception {
        MlcdConfiguration.get().setServers(List.of(new MlflowServerConfig("only", "https://mlflow.example")));
        var form = r.createWebClient().goTo("configure").getFormByName("config");
        for (var server : form.querySelectorAll("div.repeated-chunk[name='servers']")) {
            server.remove(); // as its Delete button does
        }

        r.submit(form);

        assertTrue(MlcdConfiguration.get().getServers().isEmpty());
    }

    @Test
    public void offersAndAcceptsOnlyCredentialsThatBuildsMayUse() throws Exception {
        var store = SystemCredentialsProvider.getInstance();
        store.getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM, "system-token",
                "for Jenkins itself", Secret.fromString("s3cret-system")));
        store.getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "build-token", "for builds",
                Secret.fromString("s3cret-global")));
        store.save();
        var descriptor = r.jenkins.getDescriptorByType(MlflowServerConfig.DescriptorImpl.class);

        var offered = descriptor.doFillCredentialsIdItems("").stream().map(option -> option.value).toList();
        var test = descriptor.doTestConnection("https://mlflow.invalid", "system-token", "");

        assertTrue(offered.contains("build-token"));
        assertFalse(offered.contains("system-token"));
        assertEquals(FormValidation.Kind.ERROR, test.kind);
        assertTrue(test.getMessage(), test.getMessage().contains("that builds may use"));
    }
}
