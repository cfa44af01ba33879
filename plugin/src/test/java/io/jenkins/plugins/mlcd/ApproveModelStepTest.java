package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Item;
import hudson.model.Result;
import jenkins.model.Jenkins;
import jenkins.model.JenkinsLocationConfiguration;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * approveModel: granted, refused, attempted by a non-submitter, across a controller restart, shown
 * as a paused step while it waits, and ended by its timeout.
 */
public class ApproveModelStepTest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    private static WorkflowRun waitingBuild(final JenkinsRule j) throws Exception {
        return waitingBuild(j, "");
    }

    private static WorkflowRun waitingBuild(final JenkinsRule j, final String options) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("alice", "mallory"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "release");
        job.setDefinition(new CpsFlowDefinition("def a = approveModel name: 'churn', version: '7', submitter: 'alice'"
                + options + "\n"
                + "echo \"approved=${a.approved} by=${a.by} comment=${a.comment}\"\n", true));
        var run = job.scheduleBuild2(0).waitForStart();
        j.waitForMessage("approveModel: Approve version 7 of model 'churn'?", run);
        return run;
    }

    @Test
    public void aSubmitterApproves() throws Throwable {
        sessions.then(j -> {
            var run = waitingBuild(j);
            var page = j.createWebClient().login("alice").goTo(run.getUrl() + ApprovalAction.URL + "/")
                    .getWebResponse().getContentAsString(); // the question as the page shows it
            assertTrue(page, page.contains("Approve version 7 of model") && page.contains("On model"));
            assertTrue(page, page.contains(">Approve</button>") && page.contains(">Reject</button>"));
            DecisionPage.answer(j, run, "alice", "yes", "fairness reviewed");
            j.assertBuildStatusSuccess(j.waitForCompletion(run));
            j.assertLogContains("approved=true by=alice comment=fairness reviewed", run);
            var decision = run.getAction(ApprovalAction.class).getDecisions().get(0);
            assertTrue(decision.isGranted());
            assertEquals("alice", decision.getBy());
        });
    }

    @Test
    public void aRejectionFailsTheBuild() throws Throwable {
        sessions.then(j -> {
            var run = waitingBuild(j);
            DecisionPage.answer(j, run, "alice", "no", "recall too low");
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
            j.assertLogContains("approveModel: version 7 of 'churn' rejected by alice: recall too low", run);
        });
    }

    @Test
    public void someoneNotListedMayNotDecide() throws Throwable {
        sessions.then(j -> {
            var run = waitingBuild(j);
            assertEquals(403, DecisionPage.answer(j, run, "mallory", "yes", "let me"));
            assertTrue(run.isBuilding());
            assertFalse(run.getAction(ApprovalAction.class).getPending().isEmpty());
            DecisionPage.answer(j, run, "admin", "no", "");
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
        });
    }

    @Test
    public void theWaitSurvivesARestart() throws Throwable {
        sessions.then(j -> waitingBuild(j));
        sessions.then(j -> {
            var run = j.jenkins.getItemByFullName("release", WorkflowJob.class).getBuildByNumber(1);
            assertTrue(run.isBuilding());
            DecisionPage.answer(j, run, "alice", "yes", "after the restart");
            j.assertBuildStatusSuccess(j.waitForCompletion(run));
            j.assertLogContains("approved=true by=alice comment=after the restart", run);
        });
    }

    @Test
    public void waitsAsAPausedStepWithAStatusLikeInput() throws Throwable {
        sessions.then(j -> {
            var run = waitingBuild(j);
            var node = run.getExecution().getCurrentHeads().get(0);
            assertTrue("the waiting step's node is paused", PauseAction.isPaused(node));
            var waiting = run.getExecution().getCurrentExecutions(true).get().stream()
                    .filter(ApproveModelExecution.class::isInstance).findFirst().orElseThrow();
            assertEquals("waiting for a decision on model 'churn', version 7", waiting.getStatus());

            DecisionPage.answer(j, run, "alice", "yes", "");
            j.assertBuildStatusSuccess(j.waitForCompletion(run));
            assertFalse("the pause ended", PauseAction.isPaused(run.getExecution().getNode(node.getId())));
        });
    }

    @Test
    public void theTimeoutEndsTheWaitAndNoDecisionCountsAfterIt() throws Throwable {
        sessions.then(j -> {
            var run = waitingBuild(j, ", timeoutMinutes: 1");
            var node = run.getExecution().getCurrentHeads().get(0);

            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
            j.assertLogContains("approveModel: no decision on version 7 of 'churn' within the timeout", run);
            assertTrue(run.getAction(ApprovalAction.class).getDecisions().isEmpty());
            assertFalse(PauseAction.isPaused(run.getExecution().getNode(node.getId())));
        });
    }

    @Test
    public void waitsAndLinksToTheDecisionPageWithoutARootUrl() throws Throwable {
        sessions.then(j -> {
            JenkinsLocationConfiguration.get().setUrl(null); // run.getAbsoluteUrl() would throw outside a request
            var run = waitingBuild(j);
            j.assertLogContains("Decide on the build's mlcd approval page", run);
            DecisionPage.answer(j, run, "alice", "yes", "");
            j.assertBuildStatusSuccess(j.waitForCompletion(run));
        });
    }

    @Test
    public void anAnswerOtherThanYesOrNoIsRefusedAndTheRequestWaits() throws Throwable {
        sessions.then(j -> {
            var run = waitingBuild(j);
            assertEquals(400, DecisionPage.answer(j, run, "alice", "maybe", ""));
            assertEquals(400, DecisionPage.answer(j, run, "alice", "", ""));
            assertTrue(run.isBuilding());
            assertTrue(run.getAction(ApprovalAction.class).getDecisions().isEmpty());
            DecisionPage.answer(j, run, "alice", "no", "");
            j.assertBuildStatus(Result.FAILURE, j.waitForCompletion(run));
        });
    }

    @Test
    public void anAbortWithdrawsTheRequestWithoutADecision() throws Throwable {
        sessions.then(j -> {
            var run = waitingBuild(j);
            var node = run.getExecution().getCurrentHeads().get(0);
            run.doStop();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(run));
            assertTrue(run.getAction(ApprovalAction.class).getPending().isEmpty());
            assertTrue(run.getAction(ApprovalAction.class).getDecisions().isEmpty());
            assertFalse(PauseAction.isPaused(run.getExecution().getNode(node.getId())));
        });
    }

    @Test
    public void anUnknownMlflowServerFailsBeforeAnyoneWaits() throws Throwable {
        sessions.then(j -> {
            WorkflowJob job = j.createProject(WorkflowJob.class, "unknown-server");
            job.setDefinition(new CpsFlowDefinition("approveModel name: 'churn', version: '7', server: 'nowhere'",
                    true));
            var run = j.buildAndAssertStatus(Result.FAILURE, job);
            j.assertLogContains("approveModel: no MLflow server is named 'nowhere'", run);
            j.assertLogNotContains("Decide on", run);
            assertNull(run.getAction(ApprovalAction.class));
        });
    }
}
