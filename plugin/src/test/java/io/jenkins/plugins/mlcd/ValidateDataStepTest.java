package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Result;
import io.mlcd.registry.DataHistoryReader;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.testkit.MlflowServer;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.BuildWatcher;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * validateData in real Pipeline jobs on an agent: the schema's constraints set the build result,
 * the report (with hostile values in the data) is on the build page and in the trend, mistaken
 * options fail with one line, and with a run the history is read from a real MLflow server before
 * the batch's own point is appended.
 */
public class ValidateDataStepTest {
    @ClassRule
    public static BuildWatcher buildWatcher = new BuildWatcher();

    @ClassRule
    public static MlflowServer mlflow = new MlflowServer();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private static String run;

    /** ages 20..79 in range, regions north/south; income optional to 99% (a warn constraint). */
    private static final String SCHEMA = "schema_version: 1\\ncolumns:\\n"
            + "  age: {type: numeric, range: {min: 18, max: 95}}\\n"
            + "  region: {type: categorical, domain: [north, south]}\\n"
            + "  income: {type: numeric, completeness: {min: 0.99, severity: warn}}\\n";

    @BeforeClass
    public static void logARun() throws Exception {
        run = mlflow.logModels("validate-data-step", 1, null, Map.of()).runs().get(0);
    }

    /**
     * A Pipeline writing the schema and {@code rows} rows on an agent, then calling the step.
     *
     * @param region a Groovy expression of the row index {@code i} giving the region
     * @param income a Groovy expression of {@code i} giving the income ('' for missing)
     */
    private WorkflowRun build(final String name, final int rows, final String region, final String income,
            final String options, final Result expected) throws Exception {
        j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition(script(rows, region, income, options), true));
        return j.buildAndAssertStatus(expected, job);
    }

    private static String script(final int rows, final String region, final String income, final String options) {
        return "node('!built-in') {\n"
                + "  writeFile file: 'schema.yaml', text: '" + SCHEMA + "'\n"
                + "  def rows = (0..<" + rows + ").collect { i -> \"${20 + i % 60},${" + region + "},${" + income
                + "}\" }\n"
                + "  writeFile file: 'batch.csv', text: 'age,region,income\\n' + rows.join('\\n') + '\\n'\n"
                + "  def d = validateData data: ['batch.csv'], schema: 'schema.yaml', " + options + "\n"
                + "  echo \"returned verdict=${d.verdict} anomalies=${d.metrics.anomalies}\"\n"
                + "}\n";
    }

    private static final String CLEAN_REGION = "i % 2 == 0 ? 'north' : 'south'";
    private static final String FULL_INCOME = "1000 + i";

    @Test
    public void passesCleanDataOnAnAgentWithTheReportOnTheBuildPageAndInTheTrend() throws Exception {
        var build = build("clean", 200, CLEAN_REGION, FULL_INCOME, "dataset: 'training', gates: ['anomalies <= 0']",
                Result.SUCCESS);

        j.assertLogContains("mlcd validate-data: PASSED: 0 anomalies", build);
        j.assertLogContains("returned verdict=PASSED anomalies=0.0", build);
        var action = build.getAction(MlcdReportAction.class);
        assertNotNull(action);
        assertEquals("mlcd-validate-data", action.getUrlName());
        assertEquals(Map.of("data.training.anomalies", 0.0),
                build.getAction(MetricsBuildAction.class).getResult().getValues());
    }

    @Test
    public void failsInOneLineOnBrokenConstraintsAndEscapesHostileValuesInTheReport() throws Exception {
        var build = build("broken", 100, "i == 3 ? '<script>alert(1)</script>' : 'north'", FULL_INCOME, "reportDir: 'out'",
                Result.FAILURE);

        j.assertLogContains("ERROR: mlcd validate-data: FAILED: 1 anomaly", build);
        j.assertLogNotContains("\tat io.mlcd", build);
        var report = j.createWebClient().goTo(build.getUrl() + "mlcd-validate-data/report", "text/html")
                .getWebResponse();
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
                report.getResponseHeaderValue("Content-Security-Policy"));
        assertTrue(report.getContentAsString().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(report.getContentAsString().contains("<script"));
    }

    @Test
    public void aFallingWarnConstraintMakesTheBuildUnstableAndReportOnlyLeavesItAlone() throws Exception {
        var warn = build("warn", 100, CLEAN_REGION, "i < 5 ? '' : 1000 + i", "", Result.UNSTABLE);
        j.assertLogContains("WARNING: mlcd validate-data: WARNING", warn);

        var reportOnly = build("report-only", 100, "'east'", FULL_INCOME, "reportOnly: true", Result.SUCCESS);
        j.assertLogContains("returned verdict=FAILED", reportOnly);
    }

    @Test
    public void refusesMistakenOptionsInOneLineBeforeReadingAnything() throws Exception {
        var noRecord = build("no-record", 10, CLEAN_REGION, FULL_INCOME, "history: 5", Result.FAILURE);
        j.assertLogContains("ERROR: validateData: history needs the records to compare with: give runId, or name and "
                + "version", noRecord);

        var both = build("both", 10, CLEAN_REGION, FULL_INCOME, "runId: 'r', name: 'm', version: '1'", Result.FAILURE);
        j.assertLogContains("ERROR: validateData: record in a run (runId) or a model version (name, version), not both",
                both);

        var outside = build("outside", 10, CLEAN_REGION, FULL_INCOME, "reference: ['../../secret.csv']",
                Result.FAILURE);
        j.assertLogContains("ERROR: validateData: '../../secret.csv' lies outside the workspace", outside);

        var unset = build("unset", 10, CLEAN_REGION, FULL_INCOME, "gates: [env.NOT_SET]", Result.FAILURE);
        j.assertLogContains("ERROR: validateData: gates has an empty entry (null: an unset variable?)", unset);
        assertNull(unset.getAction(MlcdReportAction.class));
    }

    @Test
    public void comparesWithTheRunsHistoryReadBeforeRecordingItsOwnPoint() throws Exception {
        MlcdConfiguration.get().setServers(List.of(new MlflowServerConfig("local", mlflow.uri().toString())));
        var options = "dataset: 'production', history: 3, gates: ['row_count_change <= 0.4'], runId: '" + run + "'";
        j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, "history");

        job.setDefinition(new CpsFlowDefinition(script(200, CLEAN_REGION, FULL_INCOME, options), true));
        var first = j.buildAndAssertSuccess(job);
        job.setDefinition(new CpsFlowDefinition(script(100, CLEAN_REGION, FULL_INCOME, options), true));
        var halved = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("mlcd validate-data: recorded in MLflow run " + run, first);
        j.assertLogContains("row_count_change", halved);
        var client = new Mlflow(new MlflowConnection(mlflow.uri(), null, null, null, false));
        assertEquals(List.of(200.0, 100.0), new DataHistoryReader(client).read(run, "production", List.of("age"), 10)
                .get("data.production.row_count"));
        assertEquals("FAILED", client.runs().get(run).tags().get("mlcd.data.verdict"));
        assertTrue(halved.getAction(MlcdReportAction.class).getLinks().get(0).getUrl().endsWith("/runs/" + run));
    }

    /** A Pipeline that calls the step, catches its failure and says whether a report was left in the folder. */
    private WorkflowRun buildCaught(final String name, final String options, final String folder) throws Exception {
        j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("node('!built-in') {\n"
                + "  writeFile file: 'schema.yaml', text: '" + SCHEMA + "'\n"
                + "  writeFile file: 'batch.csv', text: 'age,region,income\\n30,north,1000\\n'\n"
                + "  writeFile file: 'afile', text: 'not a folder'\n"
                + "  try {\n"
                + "    validateData data: ['batch.csv'], schema: 'schema.yaml', " + options + "\n"
                + "  } catch (e) {\n"
                + "    echo \"caught: ${e.message}\"\n"
                + "  }\n"
                + "  echo \"report left=${fileExists('" + folder + "/validate-data.json')}\"\n"
                + "}\n", true));
        return j.buildAndAssertSuccess(job);
    }

    @Test
    public void refusesAMistakenRecordOrReportFolderBeforeTheDataAndLeavesNoReport() throws Exception {
        var noServer = buildCaught("no-server", "runId: '" + run + "'", "mlcd-reports");
        j.assertLogContains("caught: mlcd validate-data: no MLflow server is the default", noServer);
        j.assertLogContains("report left=false", noServer);

        MlcdConfiguration.get().setServers(List.of(new MlflowServerConfig("local", mlflow.uri().toString())));
        var badVersion = buildCaught("bad-version", "name: 'm', version: 'v2'", "mlcd-reports");
        j.assertLogContains("caught: validateData: version must be a model version number such as 7, got 'v2'",
                badVersion);
        j.assertLogContains("report left=false", badVersion);

        var noRun = buildCaught("no-run", "runId: 'no-such-run'", "mlcd-reports");
        j.assertLogContains("caught: mlcd validate-data: ", noRun);
        j.assertLogContains("report left=false", noRun);
        assertNull(noRun.getAction(MlcdReportAction.class));
        assertNull(noRun.getAction(MetricsBuildAction.class));

        var fileAsFolder = buildCaught("file-as-folder", "reportDir: 'afile'", "afile");
        j.assertLogContains("caught: validateData: reportDir ", fileAsFolder);
        j.assertLogContains("is not a folder", fileAsFolder);
        j.assertLogNotContains("\tat ", fileAsFolder);
    }

    @Test
    public void writesToTheDefaultFolderForABlankReportDirAndAfterTheRecord() throws Exception {
        MlcdConfiguration.get().setServers(List.of(new MlflowServerConfig("local", mlflow.uri().toString())));
        var blank = buildCaught("blank-dir", "reportDir: ' ', dataset: 'blank', runId: '" + run + "'", "mlcd-reports");

        j.assertLogContains("mlcd validate-data: recorded in MLflow run " + run, blank);
        j.assertLogContains("report left=true", blank);
        j.assertLogNotContains("caught:", blank);
    }

    @Test
    public void addsTheAnomalyCountsOfTwoChecksOfOneDatasetInTheTrend() throws Exception {
        j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, "two-batches");
        job.setDefinition(new CpsFlowDefinition("node('!built-in') {\n"
                + "  writeFile file: 'schema.yaml', text: '" + SCHEMA + "'\n"
                + "  writeFile file: 'one.csv', text: 'age,region,income\\n150,north,1\\n30,north,1\\n'\n"
                + "  writeFile file: 'two.csv', text: 'age,region,income\\n150,east,1\\n30,north,1\\n'\n"
                + "  def one = validateData data: ['one.csv'], schema: 'schema.yaml', dataset: 'production', "
                + "reportOnly: true\n"
                + "  def two = validateData data: ['two.csv'], schema: 'schema.yaml', dataset: 'production', "
                + "reportOnly: true\n"
                + "  echo \"counts=${one.metrics.anomalies},${two.metrics.anomalies}\"\n"
                + "}\n", true));
        var build = j.buildAndAssertSuccess(job);

        j.assertLogContains("counts=1.0,2.0", build);
        assertEquals(Map.of("data.production.anomalies", 3.0),
                build.getAction(MetricsBuildAction.class).getResult().getValues());
    }
}
