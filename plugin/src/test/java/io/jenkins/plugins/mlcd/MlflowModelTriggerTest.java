package io.jenkins.plugins.mlcd;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.StringParameterDefinition;
import hudson.util.Secret;
import io.mlcd.events.WebhookSignature;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import jenkins.model.JenkinsLocationConfiguration;
import jenkins.model.ParameterizedJobMixIn;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The mlflowModel trigger in Jenkins: its job form, and the webhook endpoint — a signed delivery
 * starts the matching jobs with the event in their environment, without a crumb; a forged,
 * replayed or unmatched one starts nothing; other paths still need a crumb. (Verification itself
 * is core's, tested there against a real MLflow.)
 */
public class MlflowModelTriggerTest {
    private static final String SECRET = "whsec-for-the-test-0123456789abcdef";

    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Before
    public void configureTheServer() throws Exception {
        var store = SystemCredentialsProvider.getInstance();
        store.getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM, "mlflow-webhook",
                "webhook secret", Secret.fromString(SECRET)));
        store.save();
        var prod = new MlflowServerConfig("prod", "https://mlflow.example");
        prod.setWebhookCredentialsId("mlflow-webhook");
        MlcdConfiguration.get().setServers(List.of(prod, new MlflowServerConfig("staging",
                "https://staging.mlflow.example")));
        MlcdConfiguration.get().setDefaultServer("prod");
    }

    @Test
    public void shouldKeepEveryOptionThroughTheJobForm() throws Exception {
        FreeStyleProject project = j.createFreeStyleProject("form");
        var trigger = new MlflowModelTrigger("credit-default");
        trigger.setServer("staging");
        trigger.setEvents(List.of("model_version.created", "model_version_alias.created"));
        trigger.setAliases(List.of("champion", "challenger"));
        trigger.setPoll("1m");
        trigger.setIgnoreOwnWrites(true);
        project.addTrigger(trigger);

        j.configRoundtrip(project);

        j.assertEqualDataBoundBeans(trigger, project.getTrigger(MlflowModelTrigger.class));
    }

    @Test
    public void shouldStartTheJobForASignedDeliveryWithoutACrumb() throws Exception {
        var job = pipeline("train", "credit-default", List.of());

        var response = deliver("prod", created("credit-default", "7"), SECRET);
        j.waitUntilNoActivity();

        assertEquals(200, response.getStatusCode());
        assertEquals("ACCEPTED", response.getContentAsString().strip());
        WorkflowRun build = job.getLastBuild();
        assertNotNull(build);
        j.assertLogContains("event=model_version.created model=credit-default version=7 alias=", build);
        var cause = build.getCause(ModelEventCause.class);
        assertNotNull(cause);
        assertTrue(cause.getShortDescription(), cause.getShortDescription().contains(
                "model_version.created of 'credit-default' version 7"));
    }

    @Test
    public void shouldPassTheEventAsDeclaredParametersToo() throws Exception {
        var job = j.createProject(WorkflowJob.class, "declared");
        job.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("MLCD_VERSION", "none"),
                new StringParameterDefinition("OTHER", "kept")));
        job.setDefinition(new CpsFlowDefinition("echo \"version=${params.MLCD_VERSION} other=${params.OTHER}\"",
                true));
        job.addTrigger(new MlflowModelTrigger("credit-default"));

        deliver("prod", created("credit-default", "8"), SECRET);
        j.waitUntilNoActivity();

        j.assertLogContains("version=8 other=kept", job.getLastBuild());
    }

    @Test
    public void shouldStartNothingForAWrongSignature() throws Exception {
        var job = pipeline("forged", "credit-default", List.of());

        var response = deliver("prod", created("credit-default", "7"), "another-secret");
        j.waitUntilNoActivity();

        assertEquals(401, response.getStatusCode());
        assertEquals("UNAUTHENTICATED", response.getContentAsString().strip());
        assertNull(job.getLastBuild());
    }

    @Test
    public void shouldStartOnceForADeliveryReplayed() throws Exception {
        var job = pipeline("replayed", "credit-default", List.of());
        var body = created("credit-default", "9");
        var id = UUID.randomUUID().toString();
        var timestamp = Long.toString(Instant.now().getEpochSecond());

        var first = deliver("prod", body, SECRET, id, timestamp);
        var second = deliver("prod", body, SECRET, id, timestamp);
        j.waitUntilNoActivity();

        assertEquals(200, first.getStatusCode());
        assertEquals("DUPLICATE", second.getContentAsString().strip());
        assertEquals(1, job.getBuilds().size());
    }

    @Test
    public void shouldStartOnlyTheJobsWhoseTriggerMatches() throws Exception {
        var champion = pipeline("deploy", "credit-default", List.of("champion"));
        var otherModel = pipeline("other", "churn", List.of());
        var noSecret = j.createProject(WorkflowJob.class, "staging-job");
        noSecret.setDefinition(new CpsFlowDefinition("echo 'staging'", true));
        var onStaging = new MlflowModelTrigger("credit-default");
        onStaging.setServer("staging");
        noSecret.addTrigger(onStaging);

        var challenger = deliver("prod", aliasSet("credit-default", "challenger", "3"), SECRET);
        var promoted = deliver("prod", aliasSet("credit-default", "champion", "3"), SECRET);
        var staging = deliver("staging", aliasSet("credit-default", "champion", "3"), SECRET);
        j.waitUntilNoActivity();

        assertEquals("IGNORED", challenger.getContentAsString().strip());
        assertEquals("ACCEPTED", promoted.getContentAsString().strip());
        assertEquals(401, staging.getStatusCode()); // staging has no webhook secret: answered as a bad signature
        assertEquals(1, champion.getBuilds().size());
        j.assertLogContains("event=model_version_alias.created model=credit-default version=3 alias=champion",
                champion.getLastBuild());
        assertNull(otherModel.getLastBuild());
        assertNull(noSecret.getLastBuild());
    }

    @Test
    public void shouldStillRequireACrumbEverywhereElse() throws Exception {
        var job = pipeline("crumbs", "credit-default", List.of());
        var request = new WebRequest(new URL(j.getURL(), "job/crumbs/build"), HttpMethod.POST);

        var response = j.createWebClient().withThrowExceptionOnFailingStatusCode(false).getPage(request)
                .getWebResponse();
        j.waitUntilNoActivity();

        assertEquals(403, response.getStatusCode());
        assertNull(job.getLastBuild());
    }

    @Test
    public void shouldRefuseABodyLargerThanAnyEventUnread() throws Exception {
        var job = pipeline("large", "credit-default", List.of());
        var body = "{\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        var response = deliver("prod", body, SECRET);

        assertEquals(413, response.getStatusCode());
        assertFalse(response.getContentAsString().contains(SECRET));
        assertNull(job.getLastBuild());
    }

    @Test
    public void shouldAnswerAnUnknownServerAsABadSignature() throws Exception {
        var unknown = deliver("nowhere", created("credit-default", "7"), SECRET);
        var forged = deliver("prod", created("credit-default", "7"), "another-secret");

        assertEquals(forged.getStatusCode(), unknown.getStatusCode());
        assertEquals(forged.getContentAsString(), unknown.getContentAsString());
    }

    @Test
    public void shouldStillStartOtherJobsWhenOneTriggerHoldsABadEventName() throws Exception {
        var broken = pipeline("broken", "credit-default", List.of());
        var brokenTrigger = ParameterizedJobMixIn.getTrigger(broken, MlflowModelTrigger.class);
        var events = MlflowModelTrigger.class.getDeclaredField("events"); // as a config.xml edited by hand
        events.setAccessible(true);
        events.set(brokenTrigger, new java.util.ArrayList<>(List.of("no_such.event")));
        var fine = pipeline("fine", "credit-default", List.of());

        var response = deliver("prod", created("credit-default", "10"), SECRET);
        j.waitUntilNoActivity();

        assertEquals(200, response.getStatusCode());
        assertEquals("ACCEPTED", response.getContentAsString().strip());
        assertEquals(1, fine.getBuilds().size());
        assertNull(broken.getLastBuild());
    }

    @Test
    public void shouldStartNothingWithIgnoreOwnWritesWhenTheJenkinsUrlIsNotConfigured() throws Exception {
        var job = pipeline("no-url", "credit-default", List.of());
        var trigger = ParameterizedJobMixIn.getTrigger(job, MlflowModelTrigger.class);
        trigger.setIgnoreOwnWrites(true);
        JenkinsLocationConfiguration.get().setUrl(null); // the request's Host header must not stand in for it

        var response = deliver("prod", created("credit-default", "11"), SECRET);
        j.waitUntilNoActivity();

        assertEquals("IGNORED", response.getContentAsString().strip());
        assertNull(job.getLastBuild());
    }

    /** A pipeline that prints the event it was started by; its trigger is for the default server. */
    private WorkflowJob pipeline(final String name, final String model, final List<String> aliases)
            throws Exception {
        var job = j.createProject(WorkflowJob.class, name);
        job.setDefinition(new CpsFlowDefinition("echo \"event=${env.MLCD_EVENT} model=${env.MLCD_MODEL} "
                + "version=${env.MLCD_VERSION} alias=${env.MLCD_ALIAS}\"", true));
        var trigger = new MlflowModelTrigger(model);
        trigger.setAliases(aliases);
        job.addTrigger(trigger);
        return job;
    }

    private static String created(final String model, final String version) {
        return "{\"entity\":\"model_version\",\"action\":\"created\",\"timestamp\":\"" + Instant.now() + "\","
                + "\"data\":{\"name\":\"" + model + "\",\"version\":\"" + version + "\",\"source\":\"models:/m-1\","
                + "\"run_id\":\"abc\",\"tags\":{},\"description\":null}}";
    }

    private static String aliasSet(final String model, final String alias, final String version) {
        return "{\"entity\":\"model_version_alias\",\"action\":\"created\",\"timestamp\":\"" + Instant.now() + "\","
                + "\"data\":{\"name\":\"" + model + "\",\"alias\":\"" + alias + "\",\"version\":\"" + version
                + "\"}}";
    }

    private WebResponse deliver(final String server, final String body, final String secret) throws Exception {
        return deliver(server, body, secret, UUID.randomUUID().toString(),
                Long.toString(Instant.now().getEpochSecond()));
    }

    /** A POST as MLflow's sender makes it, without a crumb. */
    private WebResponse deliver(final String server, final String body, final String secret, final String id,
            final String timestamp) throws Exception {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = new WebRequest(new URL(j.getURL(), ModelWebhook.URL + "/" + server), HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/json");
        request.setAdditionalHeader(WebhookSignature.DELIVERY_ID_HEADER, id);
        request.setAdditionalHeader(WebhookSignature.TIMESTAMP_HEADER, timestamp);
        request.setAdditionalHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, id, timestamp,
                bytes));
        request.setRequestBody(body);
        return j.createWebClient().withThrowExceptionOnFailingStatusCode(false).getPage(request).getWebResponse();
    }
}
