package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Result;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.testkit.MlflowModelServe;
import io.mlcd.testkit.MlflowServer;
import io.mlcd.testkit.Ports;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * testRobustness in real Pipeline jobs on an agent, against a real {@code mlflow models serve} of a
 * tree model that depends sharply on {@code income}: a gate on income's noise fails the build, one on
 * a column the model hardly uses passes; the report is on the build page and recorded in a real
 * MLflow run; a model started by {@code deployCommand} is stopped after the step; mistaken options
 * and an unreachable model fail in one line with nothing recorded and no report left.
 */
public class TestRobustnessStepTest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @ClassRule
    public static MlflowServer mlflow = new MlflowServer();

    @ClassRule
    public static TemporaryFolder models = new TemporaryFolder();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private static MlflowModelServe tree;
    private static String run;

    @BeforeClass
    public static void serveATreeModel() throws Exception {
        MlflowModelServe.trainModels(models.getRoot().toPath().resolve("m"), "--test-rows", "400");
        tree = MlflowModelServe.start(models.getRoot().toPath().resolve("m/tree"));
        run = mlflow.logModels("test-robustness-step", 1, null, Map.of()).runs().get(0);
    }

    @AfterClass
    public static void stopTheModel() {
        tree.close();
    }

    private static Path trained(final String file) {
        return models.getRoot().toPath().resolve("m").resolve(file);
    }

    /** A Pipeline on an agent that copies the test rows into the workspace, then calls the step. */
    private WorkflowRun build(final String name, final String options, final Result expected) throws Exception {
        j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("node('!built-in') {\n"
                + "  sh \"cp '" + trained("test.csv") + "' test.csv\"\n"
                + "  try {\n"
                + "    def r = testRobustness data: 'test.csv', label: 'label', drop: ['id'], seed: 7, " + options + "\n"
                + "    echo \"returned verdict=${r.verdict} max_flip_rate=${r.metrics.max_flip_rate}\"\n"
                + "  } finally {\n"
                + "    echo \"report left=${fileExists('mlcd-reports/robustness.json')}\"\n"
                + "  }\n"
                + "}\n", true));
        return j.buildAndAssertStatus(expected, job);
    }

    private String served() {
        return "modelUrl: '" + tree.uri() + "', ";
    }

    @Test
    public void failsOnTheSensitiveFeatureAndPassesOnOneTheModelHardlyUses() throws Exception {
        var sensitive = build("sensitive", served() + "perturb: ['noise:income:0.25'], "
                + "gates: ['flip_rate[noise:income:0.25] <= 0.01']", Result.FAILURE);
        j.assertLogContains("ERROR: mlcd robustness: FAILED", sensitive);
        j.assertLogNotContains("\tat io.mlcd", sensitive);
        j.assertLogContains("report left=true", sensitive);

        var insensitive = build("insensitive", served() + "perturb: ['noise:balance:0.05'], "
                + "gates: ['flip_rate[noise:balance:0.05] <= 0.2']", Result.SUCCESS);
        j.assertLogContains("returned verdict=PASSED", insensitive);
        var action = insensitive.getAction(MlcdReportAction.class);
        assertNotNull(action);
        assertEquals("mlcd-robustness", action.getUrlName());
        var report = j.createWebClient().goTo(insensitive.getUrl() + "mlcd-robustness/report", "text/html")
                .getWebResponse();
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
                report.getResponseHeaderValue("Content-Security-Policy"));
        assertTrue(report.getContentAsString().contains("noise:balance:0.05"));
    }

    @Test
    public void recordsInTheRunBeforeSettingTheResult() throws Exception {
        MlcdConfiguration.get().setServers(List.of(new MlflowServerConfig("local", mlflow.uri().toString())));
        var build = build("recorded", served() + "perturb: ['noise:income:0.25'], warnings: ['max_flip_rate <= 0.01'], "
                + "runId: '" + run + "'", Result.UNSTABLE);

        j.assertLogContains("mlcd robustness: recorded in MLflow run " + run, build);
        var tags = new Mlflow(new MlflowConnection(mlflow.uri(), null, null, null, false)).runs().get(run).tags();
        assertEquals("WARNING", tags.get("mlcd.robustness.verdict"));
        assertEquals("mlcd/robustness.html", tags.get("mlcd.robustness.report"));
        assertTrue(tags.get("mlcd.robustness.gates").contains("max_flip_rate <= 0.01"));
    }

    @Test
    public void stopsTheModelItStartedOnTheAgent() throws Exception {
        var bin = MlflowModelServe.python().toAbsolutePath().getParent();
        var portFile = models.getRoot().toPath().resolve("port");
        var script = models.getRoot().toPath().resolve("serve.sh");
        // notes the port, then becomes mlflow (the venv's bin first on PATH, as an activated venv has it)
        Files.writeString(script, "echo $1 > '" + portFile + "'\nPATH='" + bin + "':$PATH exec mlflow models serve -m '"
                + trained("tree") + "' --env-manager local -h 127.0.0.1 -p $1\n");
        var build = build("deployed", "deployCommand: 'bash " + script + " {port}', perturb: ['missing:income'], "
                + "gates: ['flip_rate[missing:income] <= 1']", Result.SUCCESS);

        j.assertLogContains("returned verdict=PASSED", build);
        var port = Integer.parseInt(Files.readString(portFile).strip());
        assertFalse("the model server still listens on " + port, listens(port));
    }

    private static boolean listens(final int port) throws Exception {
        try (var socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        }
        catch (ConnectException e) {
            return false;
        }
    }

    @Test
    public void refusesMistakenOptionsInOneLineBeforeScoring() throws Exception {
        var both = build("both", served() + "deployCommand: 'serve {port}'", Result.FAILURE);
        j.assertLogContains("ERROR: testRobustness: give the model: modelUrl or deployCommand, one of them", both);

        var outside = build("outside", served() + "profile: '../../secret.json'", Result.FAILURE);
        j.assertLogContains("ERROR: testRobustness: '../../secret.json' lies outside the workspace", outside);

        var unset = build("unset", served() + "perturb: [env.NOT_SET]", Result.FAILURE);
        j.assertLogContains("ERROR: testRobustness: perturb has an empty entry (null: an unset variable?)", unset);
        assertNull(unset.getAction(MlcdReportAction.class));
    }

    @Test
    public void anUnreachableModelFailsTheStepWithNothingRecordedAndNoReport() throws Exception {
        MlcdConfiguration.get().setServers(List.of(new MlflowServerConfig("local", mlflow.uri().toString())));
        var fresh = mlflow.logModels("test-robustness-unreachable", 1, null, Map.of()).runs().get(0);
        var build = build("unreachable", "modelUrl: 'http://127.0.0.1:" + Ports.free() + "', retries: 1, "
                + "perturb: ['missing:income'], runId: '" + fresh + "'", Result.FAILURE);

        j.assertLogContains("ERROR: testRobustness: ", build);
        j.assertLogNotContains("\tat io.mlcd", build);
        j.assertLogContains("report left=false", build);
        assertNull(build.getAction(MlcdReportAction.class));
        var tags = new Mlflow(new MlflowConnection(mlflow.uri(), null, null, null, false)).runs().get(fresh).tags();
        assertFalse(tags.containsKey("mlcd.robustness.verdict"));
    }
}
