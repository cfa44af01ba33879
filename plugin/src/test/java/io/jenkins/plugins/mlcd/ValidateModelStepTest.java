package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * validateModel in real Pipeline jobs: the verdict becomes the build and stage result, the report
 * is on the build page, the step returns its map, and the work runs on an agent.
 */
public class ValidateModelStepTest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    /** Twelve rows a perfect ranker scores: roc_auc = 1. */
    private static final String PREDICTIONS = "label,score,sex\\n"
            + "1,0.9,F\\n1,0.8,M\\n1,0.85,F\\n1,0.7,M\\n1,0.95,F\\n1,0.75,M\\n"
            + "0,0.1,F\\n0,0.2,M\\n0,0.3,F\\n0,0.15,M\\n0,0.25,F\\n0,0.05,M\\n";

    private WorkflowRun run(final String gates, final Result expected) throws Exception {
        j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, "p" + expected);
        job.setDefinition(new CpsFlowDefinition("stage('Validate') {\n"
                + " node('!built-in') {\n"
                + "  writeFile file: 'preds.csv', text: '" + PREDICTIONS + "'\n"
                + "  def result = validateModel predictions: 'preds.csv', score: 'score', " + gates + "\n"
                + "  echo \"returned verdict=${result.verdict} roc_auc=${result.metrics.roc_auc}\"\n"
                + " }\n"
                + "}\n", true));
        return j.buildAndAssertStatus(expected, job);
    }

    @Test
    public void passesOnAnAgentAndReturnsTheVerdict() throws Exception {
        var build = run("gates: ['roc_auc >= 0.9']", Result.SUCCESS);

        j.assertLogContains("mlcd validate: PASSED: all 1 gates passed", build);
        j.assertLogContains("returned verdict=PASSED roc_auc=1.0", build);
        var action = build.getAction(MlcdReportAction.class);
        assertNotNull(action);
        assertEquals("mlcd-validate", action.getUrlName());
        assertEquals("PASSED", action.getVerdict());
        assertEquals("roc_auc 1.000", action.getHeadline().get(0));
        var report = j.createWebClient().goTo(build.getUrl() + "mlcd-validate/report", "text/html").getWebResponse();
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
                report.getResponseHeaderValue("Content-Security-Policy"));
        assertTrue(report.getContentAsString().contains("<title>mlcd validate: PASSED"));
        assertFalse(report.getContentAsString().contains("<script"));
    }

    @Test
    public void aFallingWarnGateMakesBuildAndStageUnstable() throws Exception {
        var build = run("warnings: ['roc_auc >= 1.01']", Result.UNSTABLE);

        j.assertLogContains("WARNING: mlcd validate: WARNING", build);
        var nodes = new org.jenkinsci.plugins.workflow.graph.FlowGraphWalker(build.getExecution()).iterator();
        var stageFlagged = false;
        while (nodes.hasNext()) {
            var node = nodes.next();
            var warning = node.getPersistentAction(WarningAction.class);
            if (warning != null && warning.getResult() == Result.UNSTABLE) {
                // stage views show a stage UNSTABLE when a node inside it carries the warning
                stageFlagged |= node.getEnclosingBlocks().stream().anyMatch(block -> "Validate".equals(
                        block.getDisplayName()));
            }
        }
        assertTrue("the validateModel node inside stage 'Validate' carries a WarningAction(UNSTABLE)", stageFlagged);
    }

    @Test
    public void aFailingGateFailsTheStepWithOneLineAndNoStackTrace() throws Exception {
        var build = run("gates: ['roc_auc >= 1.01']", Result.FAILURE);

        j.assertLogContains("ERROR: mlcd validate: FAILED", build);
        j.assertLogNotContains("at io.jenkins.plugins.mlcd", build);
        assertFalse(JenkinsRule.getLog(build).contains("returned verdict"));
    }

    @Test
    public void chartsTheHeadlineMetricsAcrossBuilds() throws Exception {
        var first = run("gates: ['roc_auc >= 0.9']", Result.SUCCESS);
        var second = j.buildAndAssertSuccess(first.getParent());

        assertEquals(1.0, second.getAction(MetricsBuildAction.class).getResult().getValues().get("roc_auc"), 1e-12);
        var trend = first.getParent().getAction(MetricsTrendJobAction.class);
        assertNotNull("the job page carries the mlcd trend", trend);
        assertTrue("two builds with metrics make a trend", trend.isTrendVisible());
    }

    @Test
    public void refusesAFileOutsideTheWorkspace() throws Exception {
        j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, "escape");
        job.setDefinition(new CpsFlowDefinition("node('!built-in') {\n"
                + "  validateModel predictions: '../../secrets.csv', score: 'score', gates: ['roc_auc >= 0.5']\n"
                + "}\n", true));
        var build = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("validateModel: '../../secrets.csv' lies outside the workspace", build);
    }
}
