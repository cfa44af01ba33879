package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Result;
import io.mlcd.testkit.MlflowModelServe;
import java.nio.file.Files;
import java.util.Set;
import java.util.stream.Collectors;
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
    public void chartsTheHeadlineMetricsAcrossBuildsAndLinksToTheLatest() throws Exception {
        var first = run("gates: ['roc_auc >= 0.9']", Result.SUCCESS);
        var second = j.buildAndAssertSuccess(first.getParent());

        var metrics = second.getAction(MetricsBuildAction.class);
        assertEquals(1.0, metrics.getResult().getValues().get("roc_auc"), 1e-12);
        var trend = first.getParent().getAction(MetricsTrendJobAction.class);
        assertNotNull("the job page carries the mlcd trend", trend);
        assertEquals("the trend finds the builds' actions by its own URL name", trend.getUrlName(),
                metrics.getUrlName());
        assertTrue("two builds with metrics make a trend", trend.isTrendVisible());
        var page = j.createWebClient().goTo(first.getParent().getUrl() + trend.getUrlName() + "/");
        assertTrue("the side panel link leads to the latest build's metrics: " + page.getUrl(),
                page.getUrl().toString().startsWith(j.getURL() + second.getUrl() + "mlcd-trend"));
        assertTrue(page.asNormalizedText().contains("roc_auc"));
    }

    @Test
    public void givesParallelStepsReportsAndMetricsOfTheirOwn() throws Exception {
        j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, "parallel");
        job.setDefinition(new CpsFlowDefinition("node('!built-in') {\n"
                + "  writeFile file: 'preds.csv', text: '" + PREDICTIONS + "'\n"
                + "  writeFile file: 'ref.csv', text: 'x\\n' + (0..99).join('\\n') + '\\n'\n"
                + "  parallel(\n"
                + "    a: { validateModel predictions: 'preds.csv', score: 'score', reportDir: 'a' },\n"
                + "    b: { validateModel predictions: 'preds.csv', score: 'score', reportDir: 'b' },\n"
                + "    c: { validateModel predictions: 'preds.csv', score: 'score', reportDir: 'c' },\n"
                + "    d: { checkDrift reference: ['ref.csv'], current: ['ref.csv'], reportDir: 'd' })\n"
                + "}\n", true));
        var build = j.buildAndAssertSuccess(job);

        assertEquals(Set.of("mlcd-validate", "mlcd-validate-2", "mlcd-validate-3", "mlcd-drift"),
                build.getActions(MlcdReportAction.class).stream().map(MlcdReportAction::getUrlName)
                        .collect(Collectors.toSet()));
        assertEquals(1, build.getActions(MetricsBuildAction.class).size());
        assertTrue("the metrics of every branch are kept", build.getAction(MetricsBuildAction.class).getResult()
                .getValues().keySet().containsAll(Set.of("roc_auc", "drift_share")));
    }

    @Test
    public void refusesAnUnsetListEntryInOneLine() throws Exception {
        var build = run("gates: ['roc_auc >= 0.5', env.NOT_SET]", Result.FAILURE);

        j.assertLogContains("ERROR: validateModel: gates has an empty entry (null: an unset variable?)", build);
        j.assertLogNotContains("NullPointerException", build);
        j.assertLogNotContains("\tat ", build);
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

    @Test
    public void scoresAServedModelOnTheAgentAndValidatesItsAnswersAgainstTheChampion() throws Exception {
        var models = Files.createTempDirectory("served-models");
        MlflowModelServe.trainModels(models.resolve("m"), "--test-rows", "300");
        try (var challenger = MlflowModelServe.start(models.resolve("m/tree"));
                var champion = MlflowModelServe.start(models.resolve("m/logistic"))) {
            j.createOnlineSlave();
            WorkflowJob job = j.createProject(WorkflowJob.class, "served");
            job.setDefinition(new CpsFlowDefinition("node('!built-in') {\n"
                    + "  sh \"cp '" + models.resolve("m/test.csv") + "' test.csv\"\n"
                    + "  def r = validateModel modelUrl: '" + challenger.uri() + "', baselineUrl: '" + champion.uri()
                    + "', data: 'test.csv', label: 'label', id: 'id', groups: ['region'], batchSize: 64, "
                    + "savePredictions: 'scored.csv', gates: ['roc_auc >= 0.8', 'roc_auc >= baseline - 0.1']\n"
                    + "  echo \"returned verdict=${r.verdict} saved=${fileExists('scored.csv')}\"\n"
                    + "}\n", true));
            var build = j.buildAndAssertSuccess(job);

            j.assertLogContains("returned verdict=PASSED saved=true", build);
            assertTrue(build.getAction(MetricsBuildAction.class).getResult().getValues().get("roc_auc") >= 0.8);
        }
    }

    @Test
    public void refusesAPredictionsFileAndAServedModelTogetherInOneLine() throws Exception {
        var build = run("modelUrl: 'http://127.0.0.1:1', data: 'preds.csv'", Result.FAILURE);

        j.assertLogContains("ERROR: validateModel: give the predictions file or a served model to score (modelUrl or "
                + "deployCommand with data), one of them", build);
        j.assertLogNotContains("\tat ", build);
    }
}
