package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import hudson.model.Result;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.testkit.MlflowServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * validateModel's MLflow record and registerModel against a real MLflow server holding models
 * that MLflow's own Python client logged: the version carries the build's lineage and the data
 * hash computed on the agent; an alias without a passing validation record is refused.
 */
public class RegisterModelStepTest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @ClassRule
    public static MlflowServer mlflow = new MlflowServer();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private static List<String> runs;

    /** Twelve rows a perfect ranker scores: roc_auc = 1. */
    private static final String PREDICTIONS = "label,score\n1,0.9\n1,0.8\n1,0.85\n1,0.7\n1,0.95\n1,0.75\n"
            + "0,0.1\n0,0.2\n0,0.3\n0,0.15\n0,0.25\n0,0.05\n";

    @BeforeClass
    public static void logModels() throws Exception {
        runs = mlflow.logModels("jenkins-test", 2, null, Map.of()).runs();
    }

    @Before
    public void configureTheServer() {
        MlcdConfiguration.get().setServers(List.of(new MlflowServerConfig("local", mlflow.uri().toString())));
    }

    private WorkflowRun build(final String name, final String steps, final Result expected) throws Exception {
        j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("node('!built-in') {\n"
                + "  writeFile file: 'preds.csv', text: '" + PREDICTIONS.replace("\n", "\\n") + "'\n"
                + steps + "\n}\n", true));
        return j.buildAndAssertStatus(expected, job);
    }

    @Test
    public void registersAValidatedRunWithTheBuildsLineage() throws Exception {
        var run = runs.get(0);
        var build = build("release", "  validateModel predictions: 'preds.csv', score: 'score', gates: ['roc_auc >= 0.9'], "
                + "runId: '" + run + "'\n"
                + "  def v = registerModel runId: '" + run + "', name: 'jenkins churn', alias: 'challenger', "
                + "data: ['preds.csv'], tags: ['team=risk']\n"
                + "  echo \"version=${v.version} created=${v.created} aliases=${v.aliases}\"", Result.SUCCESS);

        j.assertLogContains("mlcd validate: recorded in MLflow run " + run, build);
        j.assertLogContains("version=1 created=true aliases=[challenger]", build);
        j.assertLogContains("as @challenger: " + mlflow.uri() + "/#/models/jenkins%20churn/versions/1", build);
        var report = build.getAction(MlcdReportAction.class);
        assertEquals(List.of("roc_auc 1.000"), report.getHeadline().subList(0, 1));
        assertTrue("the report links to the MLflow run: " + report.getLinks().get(0).getUrl(),
                report.getLinks().get(0).getUrl().matches(java.util.regex.Pattern.quote(mlflow.uri() + "/#/experiments/")
                        + "\\d+/runs/" + run));
        var client = new Mlflow(new MlflowConnection(mlflow.uri(), null, null, null, false));
        assertEquals("PASSED", client.runs().get(run).tags().get("mlcd.validation.verdict"));
        var tags = client.registry().version("jenkins churn", "1").orElseThrow().tags();
        assertEquals("PASSED", tags.get("mlcd.validation.verdict"));
        assertEquals(j.getURL() + build.getUrl(), tags.get("mlcd.ci.build_url"));
        assertEquals("release", tags.get("mlcd.ci.job"));
        assertEquals("1", tags.get("mlcd.ci.build_number"));
        assertEquals("risk", tags.get("team"));
        var sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(PREDICTIONS.getBytes(StandardCharsets.UTF_8)));
        assertTrue("the data hash from the agent is in the lineage: " + tags,
                tags.entrySet().stream().anyMatch(tag -> tag.getKey().startsWith("mlcd.data.")
                        && tag.getValue().equals(sha256)));
    }

    @Test
    public void refusesAnAliasWithoutAPassingValidationRecord() throws Exception {
        var run = runs.get(1);
        var build = build("unvalidated", "  registerModel runId: '" + run + "', name: 'jenkins churn', "
                + "alias: 'challenger'", Result.FAILURE);

        j.assertLogContains("ERROR: registerModel: alias 'challenger' not set: run " + run
                + " has no mlcd validation record", build);
        j.assertLogNotContains("\tat io.mlcd", build);
    }

    @Test
    public void failsWithOneLineWhenTheServerIsNotConfigured() throws Exception {
        var build = build("elsewhere", "  registerModel runId: 'r', name: 'm', server: 'staging'", Result.FAILURE);

        j.assertLogContains("ERROR: registerModel: no MLflow server is named 'staging' in Manage Jenkins > System > mlcd",
                build);
    }
}
