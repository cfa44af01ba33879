package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestExtension;
import org.kohsuke.stapler.DataBoundConstructor;

/** The decision page gives a request back when recording a decision fails, whatever the failure. */
public class ApprovalActionTest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Test
    public void aDecisionThatFailsUnexpectedlyLeavesTheRequestWaiting() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD).everywhere().to("alice"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "flaky");
        job.setDefinition(new CpsFlowDefinition("echo \"decided by ${flakyDecision()}\"", true));
        var run = job.scheduleBuild2(0).waitForStart();
        while (run.getAction(ApprovalAction.class) == null || run.getAction(ApprovalAction.class).getPending().isEmpty()) {
            Thread.sleep(100);
        }

        assertEquals(500, DecisionPage.answer(j, run, "alice", "yes", ""));
        assertTrue(run.isBuilding());
        assertEquals("the request waits again", 1, run.getAction(ApprovalAction.class).getPending().size());

        assertEquals(200, DecisionPage.answer(j, run, "alice", "yes", ""));
        j.assertBuildStatusSuccess(j.waitForCompletion(run));
        j.assertLogContains("decided by alice", run);
    }

    /** {@code flakyDecision()}: waits for a decision on the build's approval page and returns who took it. */
    public static final class FlakyDecisionStep extends Step {
        @DataBoundConstructor
        public FlakyDecisionStep() {
            // no options
        }

        @Override
        public StepExecution start(final StepContext context) {
            return new Execution(context);
        }

        @TestExtension
        public static final class DescriptorImpl extends StepDescriptor {
            @Override
            public Set<? extends Class<?>> getRequiredContext() {
                return Set.of(Run.class, TaskListener.class);
            }

            @Override
            public String getFunctionName() {
                return "flakyDecision";
            }
        }
    }

    /** Its first decision fails with an exception nobody expects, as a bug or a full disk would. */
    private static final class Execution extends StepExecution implements PendingDecision {
        private static final long serialVersionUID = 1L;
        private static final AtomicInteger ATTEMPTS = new AtomicInteger();

        Execution(final StepContext context) {
            super(context);
        }

        @Override
        public boolean start() throws Exception {
            ApprovalAction.of(getContext().get(Run.class)).request(question().id());
            return false;
        }

        @Override
        public Question question() {
            return new Question("flaky-1", "Go on?", "the test", null, "Go on", "Stop", null);
        }

        @Override
        public void decide(final Run<?, ?> run, final boolean yes, final String by, final String comment)
                throws java.io.IOException {
            if (ATTEMPTS.incrementAndGet() == 1) {
                throw new IllegalStateException("the disk is full");
            }
            ApprovalAction.of(run).decided(question().id(), new ApprovalAction.Decision(question().subject(),
                    question().yes(), yes, by, comment), null);
            getContext().onSuccess(by);
        }
    }
}
