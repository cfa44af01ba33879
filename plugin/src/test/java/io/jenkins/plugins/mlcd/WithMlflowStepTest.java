package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertFalse;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import hudson.util.Secret;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * withMlflow exports the server, its credential and its CA certificates to the body and masks the
 * secret, on an agent too.
 */
public class WithMlflowStepTest {
    private static final String TOKEN = "tok-5b1e0c9d2a7f";
    private static final String PASSWORD = "pw-8c3e41d07b96";

    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private void configure() throws Exception {
        var credentials = SystemCredentialsProvider.getInstance().getCredentials();
        credentials.add(new StringCredentialsImpl(CredentialsScope.GLOBAL, "mlflow-token", "MLflow token",
                Secret.fromString(TOKEN)));
        credentials.add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "mlflow-basic", "MLflow user",
                "ci-bot", PASSWORD));
        SystemCredentialsProvider.getInstance().save();
        var prod = new MlflowServerConfig("prod", "https://mlflow.example:5000");
        prod.setCredentialsId("mlflow-token");
        var team = new MlflowServerConfig("team", "https://team-mlflow.example");
        team.setCredentialsId("mlflow-basic");
        MlcdConfiguration.get().setServers(List.of(prod, team));
        MlcdConfiguration.get().setDefaultServer("prod");
    }

    @Test
    public void exportsTheDefaultServerWithItsTokenMasked() throws Exception {
        configure();
        j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, "train");
        job.setDefinition(new CpsFlowDefinition("node('!built-in') {\n"
                + "  withMlflow {\n"
                + "    sh 'echo uri=$MLFLOW_TRACKING_URI token=$MLFLOW_TRACKING_TOKEN'\n"
                + "  }\n"
                + "  sh 'echo after=${MLFLOW_TRACKING_URI:-unset}'\n"
                + "}\n", true));
        var build = j.buildAndAssertSuccess(job);

        j.assertLogContains("uri=https://mlflow.example:5000 token=****", build);
        j.assertLogContains("after=unset", build);
        j.assertLogNotContains(TOKEN, build);
    }

    @Test
    public void exportsBasicAuthOfANamedServer() throws Exception {
        configure();
        WorkflowJob job = j.createProject(WorkflowJob.class, "basic");
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  withMlflow(server: 'team') {\n"
                + "    sh 'echo user=$MLFLOW_TRACKING_USERNAME password=$MLFLOW_TRACKING_PASSWORD'\n"
                + "  }\n"
                + "}\n", true));
        var build = j.buildAndAssertSuccess(job);

        j.assertLogContains("user=ci-bot password=****", build);
        assertFalse(JenkinsRule.getLog(build).contains(PASSWORD));
    }

    @Test
    public void givesTheBodyTheServersCaCertificatesAsAFileForTheBlockOnly() throws Exception {
        configure();
        var internal = new MlflowServerConfig("internal", "https://mlflow.corp.example");
        internal.setCaCertificates("-----BEGIN CERTIFICATE-----\nMIIBdGVzdA==\n-----END CERTIFICATE-----");
        MlcdConfiguration.get().setServers(List.of(internal));
        j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, "private-ca");
        job.setDefinition(new CpsFlowDefinition("node('!built-in') {\n"
                + "  def path\n"
                + "  withMlflow(server: 'internal') {\n"
                + "    path = env.MLFLOW_TRACKING_SERVER_CERT_PATH\n"
                + "    sh 'head -1 \"$MLFLOW_TRACKING_SERVER_CERT_PATH\"'\n"
                + "  }\n"
                + "  sh \"test ! -e '${path}' && echo removed=${path.endsWith('.pem')}\"\n"
                + "}\n", true));
        var build = j.buildAndAssertSuccess(job);

        j.assertLogContains("-----BEGIN CERTIFICATE-----", build);
        j.assertLogContains("removed=true", build);
    }

    @Test
    public void failsClearlyForAnUnknownServer() throws Exception {
        configure();
        WorkflowJob job = j.createProject(WorkflowJob.class, "unknown");
        job.setDefinition(new CpsFlowDefinition("withMlflow(server: 'nope') { echo 'never' }", true));
        var build = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("withMlflow: no MLflow server is named 'nope' in Manage Jenkins > System > mlcd", build);
        j.assertLogNotContains("never", build);
    }
}
