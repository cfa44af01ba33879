package io.jenkins.plugins.mlcd;

import hudson.Extension;
import hudson.model.InvisibleAction;
import hudson.model.UnprotectedRootAction;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.csrf.CrumbExclusion;
import hudson.util.Secret;
import io.mlcd.events.Delivery;
import io.mlcd.events.Delivery.Outcome;
import io.mlcd.events.ModelEvent;
import io.mlcd.events.WatchStateFile;
import io.mlcd.events.WebhookInbox;
import io.mlcd.registry.MlflowException;
import io.mlcd.util.InputException;
import io.mlcd.util.SafeText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.verb.POST;

/**
 * MLflow's webhooks arrive at {@code JENKINS_URL/mlcd-webhook/SERVER}: anyone may call it (it is an
 * unprotected root action without a crumb), and core's {@link WebhookInbox} accepts only what
 * is signed with that server's webhook secret. Each accepted event queues a build of every job
 * whose {@code mlflowModel} trigger is for that server and matches it. The answer is the
 * delivery's outcome and its HTTP status (MLflow retries on 5xx only); an unknown server name is
 * answered as a bad signature. The log names the delivery and the outcome, never the secret, a
 * signature or a body; refusals are logged at FINE only.
 */
@Extension
public final class ModelWebhook extends InvisibleAction implements UnprotectedRootAction {
    static final String URL = "mlcd-webhook";
    private static final Logger LOGGER = Logger.getLogger(ModelWebhook.class.getName());
    private static final String RETRY = "MLflow could not be asked for a job";

    /** Per MLflow server, its deliveries: the ids accepted within the timestamp window, kept across restarts. */
    private final Map<String, WebhookInbox> inboxes = new ConcurrentHashMap<>();

    @Override
    public String getUrlName() {
        return URL;
    }

    @POST
    public void doDynamic(final StaplerRequest2 request, final StaplerResponse2 response) throws IOException {
        var name = request.getRestOfPath().replaceFirst("^/", "");
        var secret = MlcdConfiguration.get().getServers().stream().filter(server -> server.getName().equals(name))
                .findFirst().map(MlflowServerConfig::webhookSecret).map(Secret::getPlainText).orElse(null);
        // an unknown server, or one without webhooks, is refused as a bad signature is: no name discovery;
        // and all such names share one inbox, so that made-up names cost no memory
        var inbox = inbox(secret == null ? "" : name);
        Delivery delivery;
        try (var body = request.getInputStream()) {
            delivery = inbox.receive(secret, request::getHeader, request.getContentLengthLong(), body);
        }
        catch (UncheckedIOException | InputException e) { // the ids cannot be saved, or their file is not a state
            LOGGER.warning(() -> "mlcd webhook '" + SafeText.quote(name) + "': the delivery ids cannot be kept ("
                    + e.getMessage() + "); answered 500 so that MLflow sends the delivery again");
            answer(response, 500, "cannot save the delivery");
            return;
        }
        var event = delivery.accepted();
        var answer = event.isPresent() ? start(name, event.get(), delivery) : delivery;
        if (answer.outcome() == Outcome.ACCEPTED && answer.reason().startsWith(RETRY)) {
            try {
                inbox.forget(answer.deliveryId());
            }
            catch (UncheckedIOException e) {
                LOGGER.warning(() -> "mlcd webhook '" + name + "': cannot forget " + answer.describe() + ": "
                        + e.getMessage());
            }
            LOGGER.warning(() -> "mlcd webhook '" + name + "': " + answer.describe()
                    + "; answered 503 so that MLflow sends the delivery again");
            answer(response, 503, "MLflow could not be asked; send again");
            return;
        }
        // refusals are anyone's to send: FINE, so that nobody can fill the log
        LOGGER.log(answer.outcome().httpStatus() >= 400 ? Level.FINE : Level.INFO, "mlcd webhook ''{0}'': {1}",
                new Object[] {SafeText.quote(name), answer.describe()});
        answer(response, answer.outcome().httpStatus(), answer.outcome().name());
    }

    /** Queues the builds the event starts, as SYSTEM (the signature authenticated it); IGNORED when it starts none. */
    private static Delivery start(final String server, final ModelEvent event, final Delivery delivery) {
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            return startMatching(server, event, delivery);
        }
    }

    /**
     * Each job on its own: one job's failure never keeps the event from the next. When a job the
     * event may be for could not be asked about it for a temporary reason (MLflow down during the
     * loop check), the answer's reason starts with {@link #RETRY}: the delivery is forgotten and
     * MLflow sends it again (jobs started this time then start once more: see docs/webhooks.md).
     */
    private static Delivery startMatching(final String server, final ModelEvent event, final Delivery delivery) {
        var started = new StringBuilder();
        var retry = false;
        for (var trigger : MlflowModelTrigger.started()) {
            var job = trigger.job();
            var config = trigger.serverConfig();
            if (job == null || config.isEmpty() || !config.get().getName().equals(server)) {
                continue;
            }
            try {
                if (!trigger.filter().accepts(event)) {
                    continue;
                }
                var own = trigger.ownWrites(job, config.get());
                if (own != null && own.caused(event)) {
                    LOGGER.info(() -> "mlcd webhook '" + server + "': " + job.getFullName() + " ignores "
                            + event.describe() + ": caused by " + own);
                }
                else if (trigger.schedule(event, server)) {
                    started.append(started.length() == 0 ? "" : ", ").append(job.getFullName());
                }
            }
            catch (MlflowException e) {
                retry |= e.isTemporary();
                LOGGER.warning(() -> "mlcd webhook '" + server + "': " + job.getFullName() + " not started for "
                        + event.describe() + ": " + e.getMessage());
            }
            catch (RuntimeException e) { // a bad stored setting of one job: the others still get the event
                LOGGER.log(Level.WARNING, "mlcd webhook '" + server + "': " + job.getFullName() + " not started for "
                        + event.describe(), e);
            }
        }
        if (retry) {
            return new Delivery(Outcome.ACCEPTED, delivery.deliveryId(), RETRY + (started.length() == 0 ? ""
                    : "; started " + started), event);
        }
        return started.length() == 0 ? delivery.ignored("no job's mlflowModel trigger started")
                : new Delivery(Outcome.ACCEPTED, delivery.deliveryId(), "started " + started, event);
    }

    private WebhookInbox inbox(final String server) {
        return inboxes.computeIfAbsent(server, name -> new WebhookInbox(store(name), Clock.systemUTC()));
    }

    private static WatchStateFile store(final String server) {
        var directory = new File(Jenkins.get().getRootDir(), "mlcd-webhooks");
        directory.mkdirs();
        return new WatchStateFile(new File(directory, URLEncoder.encode(server, StandardCharsets.UTF_8) + ".json")
                .toPath());
    }

    private static void answer(final HttpServletResponse response, final int status, final String text)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println(text);
    }

    /** The signature authenticates deliveries: no crumb for this path, and for no other. */
    @Extension
    public static final class CrumbExclusionImpl extends CrumbExclusion {
        @Override
        public boolean process(final HttpServletRequest request, final HttpServletResponse response,
                final FilterChain chain) throws IOException, ServletException {
            var path = request.getPathInfo();
            if (path != null && path.startsWith("/" + URL + "/")) {
                chain.doFilter(request, response);
                return true;
            }
            return false;
        }
    }
}
