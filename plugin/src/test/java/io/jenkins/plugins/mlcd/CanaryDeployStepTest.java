package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import hudson.model.Item;
import hudson.model.Result;
import io.mlcd.canary.HaproxyLogSource;
import io.mlcd.canary.HaproxyRouter;
import io.mlcd.canary.HaproxyRuntime;
import io.mlcd.canary.Weights;
import io.mlcd.testkit.HaproxyProcess;
import io.mlcd.testkit.Ports;
import java.time.Duration;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * canaryDeploy against a real HAProxy (no traffic needed: these tests are about the build's
 * control of the rollout): an aborted build rolls the canary back, an approval gate waits across
 * a controller restart, and a person may roll back a starved rollout at its manual gate.
 */
public class CanaryDeployStepTest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    private HaproxyProcess haproxy;
    private int logPort;

    @Before
    public void startHaproxy() throws Exception {
        logPort = Ports.free();
        haproxy = HaproxyProcess.start(Ports.free(), Ports.free(), logPort, HaproxyLogSource.LOG_FORMAT, 0);
    }

    @After
    public void stopHaproxy() throws Exception {
        haproxy.close();
    }

    private Weights weights() {
        return new HaproxyRouter(new HaproxyRuntime(haproxy.runtimeAddress(), Duration.ofSeconds(5)), "model", "stable",
                "canary").current();
    }

    private WorkflowRun start(final JenkinsRule j, final String options) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("alice", "mallory"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "rollout");
        job.setDefinition(new CpsFlowDefinition("def c = canaryDeploy haproxyRuntime: '" + haproxy.runtimeAddress()
                + "', haproxyLogs: '127.0.0.1:" + logPort + "', gates: ['error_rate <= 0.05'], " + options + "\n"
                + "echo \"status=${c.status}\"\n", true));
        return job.scheduleBuild2(0).waitForStart();
    }

    @Test
    public void anAbortedBuildRollsTheCanaryBack() throws Throwable {
        sessions.then(j -> {
            var run = start(j, "weights: '10,100', pause: '10m'");
            j.waitForMessage("canaryDeploy: weight 10%", run);
            assertEquals(new Weights(10), weights());

            run.doStop();

            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
            j.assertLogContains("canaryDeploy: build aborted: the canary is ROLLED_BACK at weight 0%", run);
            assertEquals(new Weights(0), weights());
        });
    }

    @Test
    public void anApprovalGateWaitsAcrossARestart() throws Throwable {
        sessions.then(j -> {
            var run = start(j, "weights: '20,100', pause: '10m', approveBefore: '20', submitter: 'alice'");
            j.waitForMessage("canaryDeploy: waiting at 0%: approval required before 20%", run);
            assertEquals(new Weights(0), weights());
        });
        sessions.then(j -> {
            var run = j.jenkins.getItemByFullName("rollout", WorkflowJob.class).getBuildByNumber(1);
            assertTrue(run.isBuilding());
            assertEquals(403, DecisionPage.answer(j, run, "mallory", "yes", ""));
            assertEquals(new Weights(0), weights());

            DecisionPage.answer(j, run, "alice", "yes", "error budget is fine");
            j.waitForMessage("canaryDeploy: weight 20%", run);
            j.assertLogContains("canaryDeploy: Proceed by alice: error budget is fine", run);
            assertEquals(new Weights(20), weights());

            run.doStop();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
            assertEquals(new Weights(0), weights());
        });
    }

    @Test
    public void aPersonRollsBackAStarvedRolloutAtTheManualGate() throws Throwable {
        sessions.then(j -> {
            var run = start(j, "weights: '10,100', pause: '2s', minRequests: 1000, inconclusiveLimit: 0, "
                    + "manualGate: true");
            j.waitForMessage("canaryDeploy: waiting at 10%: analysis INCONCLUSIVE at 10%", run);
            assertEquals(new Weights(10), weights());

            DecisionPage.answer(j, run, "alice", "no", "no traffic tonight");

            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
            j.assertLogContains("rolled back by alice (no traffic tonight) after: analysis INCONCLUSIVE at 10%", run);
            j.assertLogContains("mlcd canary: FAILED", run);
            assertEquals(new Weights(0), weights());
            assertEquals("Roll back", run.getAction(ApprovalAction.class).getDecisions().get(0).getAnswer());
        });
    }
}
