package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Result;
import io.mlcd.canary.HaproxyLogSource;
import io.mlcd.canary.HaproxyRouter;
import io.mlcd.canary.HaproxyRuntime;
import io.mlcd.canary.Weights;
import io.mlcd.testkit.HaproxyProcess;
import io.mlcd.testkit.Ports;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
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
 * What the Jenkins binding of canaryDeploy does, against a real HAProxy (no traffic needed: these
 * tests are about the build's control of the rollout; the rollout itself is tested in core's
 * RolloutRunnerTest): an aborted build ends the canary at weight 0, decisions count only while the
 * rollout waits, a wait looks like input's and survives a restart, and errors are one line.
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
        return run(j, "def c = canaryDeploy haproxyRuntime: '" + haproxy.runtimeAddress() + "', haproxyLogs: '127.0.0.1:"
                + logPort + "', gates: ['error_rate <= 0.05'], " + options + "\n" + "echo \"status=${c.status}\"\n");
    }

    private static WorkflowRun run(final JenkinsRule j, final String script) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("alice", "mallory"));
        var job = j.jenkins.getItemByFullName("rollout", WorkflowJob.class);
        if (job == null) {
            job = j.createProject(WorkflowJob.class, "rollout");
        }
        job.setDefinition(new CpsFlowDefinition(script, true));
        return job.scheduleBuild2(0).waitForStart();
    }

    /** The build's running canaryDeploy. */
    private static CanaryDeployExecution execution(final WorkflowRun run) throws Exception {
        for (StepExecution running : run.getExecution().getCurrentExecutions(true).get()) {
            if (running instanceof CanaryDeployExecution canary) {
                return canary;
            }
        }
        throw new AssertionError("no canaryDeploy runs in " + run);
    }

    /** The build's canaryDeploy once it waits for a decision (the log line comes just before). */
    private static CanaryDeployExecution waiting(final WorkflowRun run) throws Exception {
        for (int i = 0; i < 600; i++) {
            var execution = execution(run);
            if (execution.getStatus().startsWith("waiting for a decision")) {
                return execution;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("canaryDeploy does not wait for a decision: " + execution(run).getStatus());
    }

    private static FlowNode node(final CanaryDeployExecution execution) throws Exception {
        return execution.getContext().get(FlowNode.class);
    }

    @Test
    public void shouldEndTheCanaryAtWeightZeroWhenTheBuildIsAbortedDuringAPause() throws Throwable {
        sessions.then(j -> {
            var run = start(j, "weights: '10,100', pause: '10m'");
            j.waitForMessage("canaryDeploy: weight 10%", run);
            assertEquals(new Weights(10), weights());
            var execution = execution(run);
            assertTrue(execution.getStatus(), execution.getStatus().startsWith("pausing before the next analysis"));
            assertFalse("waiting out a pause does not hold up a restart", execution.blocksRestart());

            run.doStop();

            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
            j.assertLogContains("canaryDeploy: ABORTED at weight 0%: build aborted", run);
            j.assertLogContains("canaryDeploy: build aborted: the canary is ABORTED at weight 0%", run);
            assertEquals(new Weights(0), weights());
            assertNull("no approval link without a manual gate", run.getAction(ApprovalAction.class));
            assertFalse(PauseAction.isPaused(node(execution)));
        });
    }

    @Test
    public void shouldRefuseADecisionWhileTheRolloutIsNotWaiting() throws Throwable {
        sessions.then(j -> {
            var run = start(j, "weights: '10,100', pause: '10m'");
            j.waitForMessage("canaryDeploy: weight 10%", run);
            var execution = execution(run);

            var refused = assertThrows(AbortException.class, () -> execution.decide(run, true, "alice", ""));

            assertTrue(refused.getMessage(), refused.getMessage().startsWith(
                    "canaryDeploy: the rollout is not waiting for a decision: it is pausing"));
            assertEquals(new Weights(10), weights());
            run.doStop();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
            assertEquals(new Weights(0), weights());
        });
    }

    @Test
    public void shouldWaitLikeInputAcrossARestartAndTakeOneDecision() throws Throwable {
        sessions.then(j -> {
            var run = start(j, "weights: '20,100', pause: '10m', approveBefore: '20', submitter: 'alice'");
            j.waitForMessage("canaryDeploy: waiting at 0%: approval required before 20%", run);
            assertEquals(new Weights(0), weights());
            var execution = waiting(run);
            assertTrue(PauseAction.isPaused(node(execution)));
            assertEquals("waiting for a decision: approval required before 20%", execution.getStatus());
            assertFalse(execution.blocksRestart());
        });
        sessions.then(j -> {
            var run = j.jenkins.getItemByFullName("rollout", WorkflowJob.class).getBuildByNumber(1);
            assertTrue(run.isBuilding());
            var execution = waiting(run); // again, once the recovery found the state file waiting
            assertEquals(403, DecisionPage.answer(j, run, "mallory", "yes", ""));
            assertEquals(new Weights(0), weights());

            DecisionPage.answer(j, run, "alice", "yes", "error budget is fine");
            j.waitForMessage("canaryDeploy: weight 20%", run);
            j.assertLogContains("canaryDeploy: Proceed by alice: error budget is fine", run);
            assertEquals(new Weights(20), weights());
            assertFalse(PauseAction.isPaused(node(execution)));
            assertThrows("a second decision", AbortException.class,
                    () -> execution.decide(run, false, "alice", "changed my mind"));

            run.doStop();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
            assertEquals(new Weights(0), weights());
        });
    }

    @Test
    public void shouldLetAPersonRollBackAStarvedRolloutAtTheManualGate() throws Throwable {
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

    @Test
    public void shouldFailInOneLineWhenTheWorkerCannotListenForTheLogs() throws Throwable {
        sessions.then(j -> {
            try (var taken = new DatagramSocket(new InetSocketAddress("127.0.0.1", logPort))) {
                var run = start(j, "weights: '10,100', pause: '10m'");

                j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
                j.assertLogContains("ERROR: canaryDeploy: cannot listen for HAProxy logs on UDP", run);
                j.assertLogNotContains("\tat ", run);
                assertEquals(new Weights(0), weights());
                assertNull(run.getAction(ApprovalAction.class));
            }
        });
    }

    @Test
    public void shouldRefuseMistakenOptionsInOneLineBeforeAnythingMoves() throws Throwable {
        sessions.then(j -> {
            var twoRouters = start(j, "routerUrl: 'http://127.0.0.1:1/weights'");
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(twoRouters));
            j.assertLogContains("ERROR: canaryDeploy: give one router: haproxyRuntime or routerUrl", twoRouters);

            var unanalysed = start(j, "weights: '100'");
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(unanalysed));
            j.assertLogContains("ERROR: canaryDeploy: the weights [100] reach 100% without an analysed step: give "
                    + "lower weights first, or allowNoAnalysis to go live without analysis", unanalysed);

            var outsideNode = start(j, "deployCommand: 'serve -p {port}', name: 'churn', version: '7'");
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(outsideNode));
            j.assertLogContains("ERROR: canaryDeploy: deployCommand starts the model server on a node: call "
                    + "canaryDeploy inside node", outsideNode);

            var badRollout = start(j, "rollout: 'weights: 5'");
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(badRollout));
            j.assertLogContains("ERROR: canaryDeploy: the rollout file rollout: 'weights' must be a list such as "
                    + "[5, 25, 50, 100]", badRollout);

            var unsetGate = run(j, "canaryDeploy haproxyRuntime: '" + haproxy.runtimeAddress() + "', haproxyLogs: "
                    + "'127.0.0.1:" + logPort + "', gates: ['error_rate <= 0.05', env.UNSET]");
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(unsetGate));
            j.assertLogContains("ERROR: canaryDeploy: gates has an empty entry (null: an unset variable?)", unsetGate);

            for (var run : java.util.List.of(twoRouters, unanalysed, outsideNode, badRollout, unsetGate)) {
                j.assertLogNotContains("\tat ", run);
            }
            assertEquals(new Weights(0), weights());
        });
    }
}
