package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.model.TaskListener;
import io.mlcd.registry.Lineage;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.Registrar;
import io.mlcd.registry.RegistrationRequest;
import io.mlcd.testkit.MlflowServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The trigger's polling mode against a real MLflow server: the first poll only records the
 * registry, a new version then starts the job once with its number, the cursor in the job's
 * directory survives a new trigger instance (as after a restart) so nothing is replayed, a version
 * the job's own build registered does not start it again, and an unreachable server is logged
 * without failing anything.
 */
public class ModelPollingTest {
    @ClassRule
    public static MlflowServer mlflow = new MlflowServer();

    @Rule
    public JenkinsRule j = new JenkinsRule();

    private static String run;

    @BeforeClass
    public static void logModel() throws Exception {
        run = mlflow.logModels("jenkins-poll-test", 1, null, Map.of()).runs().get(0);
    }

    @Test
    public void shouldStartTheJobOncePerNewVersionAcrossRestarts() throws Exception {
        MlcdConfiguration.get().setServers(List.of(new MlflowServerConfig("local", mlflow.uri().toString())));
        register("polled", 1);
        var job = j.createProject(WorkflowJob.class, "polled-job");
        job.setDefinition(new CpsFlowDefinition("echo \"version=${env.MLCD_VERSION} event=${env.MLCD_EVENT}\"",
                true));
        var trigger = new MlflowModelTrigger("polled");
        trigger.setPoll("1m");
        job.addTrigger(trigger);

        ModelPolling.poll(trigger, job, TaskListener.NULL); // records where the model stands
        j.waitUntilNoActivity();
        assertNull(job.getLastBuild());
        assertTrue(ModelPolling.cursor(job, "local").isFile());

        var version = register("polled", 2);
        ModelPolling.poll(trigger, job, TaskListener.NULL);
        j.waitUntilNoActivity();
        assertEquals(1, job.getBuilds().size());
        j.assertLogContains("version=" + version + " event=model_version.created", job.getLastBuild());
        assertNotNull(job.getLastBuild().getCause(ModelEventCause.class));

        var afterRestart = new MlflowModelTrigger("polled");
        afterRestart.setPoll("1m");
        job.addTrigger(afterRestart); // a new instance, as a restarted controller loads it
        ModelPolling.poll(afterRestart, job, TaskListener.NULL);
        j.waitUntilNoActivity();
        assertEquals(1, job.getBuilds().size());
    }

    @Test
    public void shouldLogAnUnreachableServerAndStartNothing() throws Exception {
        MlcdConfiguration.get().setServers(List.of(new MlflowServerConfig("down", "http://127.0.0.1:9")));
        var job = j.createProject(WorkflowJob.class, "unreachable");
        job.setDefinition(new CpsFlowDefinition("echo 'started'", true));
        var trigger = new MlflowModelTrigger("polled");
        trigger.setPoll("10s");
        job.addTrigger(trigger);

        assertTrue(trigger.pollDue(System.currentTimeMillis()));
        ModelPolling.poll(trigger, job, TaskListener.NULL);

        assertNull(job.getLastBuild());
        assertFalse(trigger.pollDue(System.currentTimeMillis()));
    }

    @Test
    public void shouldIgnoreTheVersionsItsOwnBuildsRegistered() throws Exception {
        MlcdConfiguration.get().setServers(List.of(new MlflowServerConfig("local", mlflow.uri().toString())));
        register("own", "https://ci.example/job/train/", 1);
        var job = j.createProject(WorkflowJob.class, "retrain");
        job.setDefinition(new CpsFlowDefinition("echo \"version=${env.MLCD_VERSION}\"", true));
        var trigger = new MlflowModelTrigger("own");
        trigger.setPoll("1m");
        trigger.setIgnoreOwnWrites(true);
        job.addTrigger(trigger);
        ModelPolling.poll(trigger, job, TaskListener.NULL);

        register("own", j.getURL() + job.getUrl(), 2); // as this job's build 2 would, with its BUILD_URL
        var other = register("own", j.getURL() + "job/retrain-nightly/", 3); // another job whose name starts alike
        ModelPolling.poll(trigger, job, TaskListener.NULL);
        j.waitUntilNoActivity();

        assertEquals(1, job.getBuilds().size());
        j.assertLogContains("version=" + other, job.getLastBuild());
    }

    /** A new version of the logged model, as a training job registers it; returns its number. */
    private static String register(final String model, final int build) {
        return register(model, "https://ci.example/job/train/", build);
    }

    /** A new version of the logged model, as build {@code build} of the job at {@code jobUrl} registers it. */
    private static String register(final String model, final String jobUrl, final int build) {
        var mlflow = new Mlflow(new MlflowConnection(ModelPollingTest.mlflow.uri(), null, null, null, false));
        var lineage = Lineage.fromEnvironment(Map.of("BUILD_URL", jobUrl + build + "/",
                "JOB_NAME", "train", "BUILD_NUMBER", Integer.toString(build)));
        var request = new RegistrationRequest(run, "model", model, null, Map.of(), "", lineage, false,
                Duration.ofSeconds(60));
        return new Registrar(mlflow, Clock.systemUTC()).register(request).version().version();
    }
}
