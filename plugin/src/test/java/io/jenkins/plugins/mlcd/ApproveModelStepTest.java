package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import hudson.model.Item;
import hudson.model.Result;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/** approveModel: granted, refused, attempted by a non-submitter, and across a controller restart. */
public class ApproveModelStepTest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();

    private static WorkflowRun waitingBuild(final JenkinsRule j) throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("alice", "mallory"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "release");
        job.setDefinition(new CpsFlowDefinition("def a = approveModel name: 'churn', version: '7', submitter: 'alice'\n"
                + "echo \"approved=${a.approved} by=${a.by} comment=${a.comment}\"\n", true));
        var run = job.scheduleBuild2(0).waitForStart();
        j.waitForMessage("approveModel: Approve version 7 of model 'churn'?", run);
        return run;
    }

    @Test
    public void aSubmitterApproves() throws Throwable {
        sessions.then(j -> {
            var run = waitingBuild(j);
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
}
