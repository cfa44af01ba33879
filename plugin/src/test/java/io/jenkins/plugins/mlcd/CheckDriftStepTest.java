package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/** checkDrift in Pipeline jobs: same data passes, shifted data trips the gates. */
public class CheckDriftStepTest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    /** A script writing 200 rows of x = 0..199 as the reference and x + shift as the current data. */
    private static String script(final int shift, final String gates) {
        return "node {\n"
                + "  def ref = 'x\\n' + (0..199).collect { it.toString() }.join('\\n') + '\\n'\n"
                + "  def cur = 'x\\n' + (0..199).collect { (it + " + shift + ").toString() }.join('\\n') + '\\n'\n"
                + "  writeFile file: 'ref.csv', text: ref\n"
                + "  writeFile file: 'cur.csv', text: cur\n"
                + "  def d = checkDrift reference: ['ref.csv'], current: ['cur.csv'], " + gates + "\n"
                + "  echo \"drift verdict=${d.verdict}\"\n"
                + "}\n";
    }

    @Test
    public void sameDataPasses() throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "same");
        job.setDefinition(new CpsFlowDefinition(script(0, "gates: ['drift_share <= 0.5']"), true));
        var build = j.buildAndAssertSuccess(job);

        j.assertLogContains("drift verdict=PASSED", build);
        assertEquals("mlcd-drift", build.getAction(MlcdReportAction.class).getUrlName());
    }

    @Test
    public void shiftedDataMakesTheBuildUnstableOrFails() throws Exception {
        WorkflowJob warn = j.createProject(WorkflowJob.class, "warn");
        warn.setDefinition(new CpsFlowDefinition(script(150, "warnings: ['drift_share < 0.5']"), true));
        j.assertLogContains("WARNING: mlcd drift: WARNING", j.buildAndAssertStatus(Result.UNSTABLE, warn));

        WorkflowJob fail = j.createProject(WorkflowJob.class, "fail");
        fail.setDefinition(new CpsFlowDefinition(script(150, "gates: ['drift_share < 0.5']"), true));
        j.assertLogContains("ERROR: mlcd drift: FAILED", j.buildAndAssertStatus(Result.FAILURE, fail));
    }
}
