package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.console.HyperlinkNote;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlcd.registry.DecisionClaims;
import io.mlcd.registry.Submitters;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import org.jenkinsci.plugins.workflow.actions.PersistentAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.actions.PauseAction;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.springframework.security.core.GrantedAuthority;

/**
 * The build's approval page ({@code <build>/mlcd-approval/}): pending {@code approveModel}
 * requests with the build's mlcd reports as evidence, an Approve/Reject form for those who may
 * decide, and the decisions taken. Who settles a request, a person or a step's timeout, is
 * {@link DecisionClaims}' call. Persists only the open requests' ids and the decisions (plain
 * strings and numbers, in copy-on-write lists, so saving never sees one change); the live
 * executions are found again through the flow, as the input step does.
 */
public final class ApprovalAction implements RunAction2 {
    static final String URL = "mlcd-approval";
    private static final Logger LOGGER = Logger.getLogger(ApprovalAction.class.getName());

    private final CopyOnWriteArrayList<String> pending = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Decision> decisions = new CopyOnWriteArrayList<>();
    private transient DecisionClaims claims;
    private transient Run<?, ?> run;

    /** The build's approval action, added on first use. */
    static synchronized ApprovalAction of(final Run<?, ?> run) {
        var action = run.getAction(ApprovalAction.class);
        if (action == null) {
            action = new ApprovalAction();
            run.addAction(action);
        }
        return action;
    }

    /** After a restart, the open requests wait again. */
    private synchronized DecisionClaims claims() {
        if (claims == null) {
            claims = new DecisionClaims(pending);
        }
        return claims;
    }

    /**
     * A step asks for a decision: the log says where to decide (a link relative to Jenkins, as
     * {@code input}'s: no root URL is needed), then the request waits on the build's page and the
     * step's node is paused as {@code input}'s is. Idempotent: a step resumed after a restart asks again.
     */
    static void ask(final Run<?, ?> run, final FlowNode node, final TaskListener listener, final String id,
            final String pause, final String line, @CheckForNull final String submitter)
            throws IOException, InterruptedException {
        listener.getLogger().println(line + " " + HyperlinkNote.encodeTo('/' + run.getUrl() + URL + '/',
                "Decide on the build's mlcd approval page") + (submitter == null ? "" : " (submitters: " + submitter + ")"));
        of(run).request(id);
        if (!PauseAction.isPaused(node)) {
            node.addAction(new PauseAction(pause));
        }
    }

    /** Idempotent, as {@link #ask}. */
    void request(final String id) throws IOException, InterruptedException {
        claims().request(id);
        if (pending.addIfAbsent(id)) {
            run.save();
        }
    }

    /**
     * The step ended without a decision (the build was aborted, the rollout ended): off the page, its
     * pause ended. A decision being written meanwhile is waited for; false if one was recorded: it stands.
     */
    static boolean settled(final Run<?, ?> run, final String id, @CheckForNull final FlowNode node)
            throws IOException, InterruptedException {
        var action = run.getAction(ApprovalAction.class); // never added here: no link without a wait
        var withdrawn = action == null || action.claims().withdraw(id);
        if (action != null && withdrawn) {
            action.close(id);
        }
        endPause(node);
        return withdrawn;
    }

    /** Ends the node's pause, if it is paused (ending one again would move its end). */
    static void endPause(@CheckForNull final FlowNode node) throws IOException {
        if (node != null && PauseAction.isPaused(node)) {
            PauseAction.endCurrentPause(node);
        }
    }

    /**
     * The deadline passed. True if the timeout settles the request; false if it is settled or a
     * person's decision is being recorded ({@link #isOpen}: look again later).
     */
    boolean timeOut(final String id) throws IOException {
        if (!claims().timeOut(id)) {
            return false;
        }
        close(id);
        return true;
    }

    boolean isOpen(final String id) {
        return claims().isOpen(id);
    }

    /**
     * The claimant begins to write its decision (to MLflow, to the rollout); false if the step ended
     * meanwhile: then nothing may be written.
     */
    boolean recording(final String id) {
        return claims().recording(id);
    }

    /**
     * A decision written: onto the build's decisions and the deciding step's flow node, whose pause
     * ends. The step must end whatever happens here, so a failure to save is only logged.
     */
    void decided(final String id, final Decision decision, @CheckForNull final FlowNode node) {
        decisions.add(decision);
        pending.remove(id);
        try {
            run.save();
            if (node != null) {
                node.addOrReplaceAction(decision);
            }
            endPause(node);
        }
        catch (IOException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "mlcd: saving the decision on " + run.getExternalizableId() + " failed", e);
        }
    }

    /** The step has ended with the decision: its claim is settled (until then a timeout or an abort waits). */
    void recorded(final String id) {
        claims().recorded(id);
    }

    private void close(final String id) throws IOException {
        pending.remove(id);
        run.save();
    }

    /** The decisions this build is waiting for. */
    public List<PendingDecision> getPending() throws Exception {
        var found = new ArrayList<PendingDecision>();
        var owner = run instanceof FlowExecutionOwner.Executable executable ? executable.asFlowExecutionOwner() : null;
        if (pending.isEmpty() || owner == null) {
            return found;
        }
        for (StepExecution execution : owner.get().getCurrentExecutions(true).get(30, TimeUnit.SECONDS)) {
            if (execution instanceof PendingDecision waiting && pending.contains(waiting.question().id())) {
                found.add(waiting);
            }
        }
        return found;
    }

    public List<Decision> getDecisions() {
        return List.copyOf(decisions);
    }

    /** The mlcd reports of this build, shown next to the request. */
    public List<MlcdReportAction> getEvidence() {
        return run.getActions(MlcdReportAction.class);
    }

    /** The input step's rule: without submitters, Build permission on the job; administrators always. */
    public boolean canDecide(final PendingDecision waiting) {
        var submitter = waiting.question().submitter();
        if (submitter == null) {
            return run.getParent().hasPermission(Item.BUILD);
        }
        var jenkins = Jenkins.get();
        var auth = Jenkins.getAuthentication2();
        return jenkins.hasPermission(Jenkins.ADMINISTER) || Submitters.allow(submitter, auth.getName(),
                auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList(),
                jenkins.getSecurityRealm().getUserIdStrategy()::equals,
                jenkins.getSecurityRealm().getGroupIdStrategy()::equals);
    }

    /**
     * The form's target: {@code id}, {@code decision} ({@code yes} or {@code no}, else 400), {@code comment}.
     * Unless the decision is recorded, whatever went wrong, the request waits again.
     */
    @RequirePOST
    public HttpResponse doDecide(final StaplerRequest2 request) throws Exception {
        run.checkPermission(Item.READ);
        var id = request.getParameter("id");
        var comment = request.getParameter("comment") == null ? "" : request.getParameter("comment").strip();
        var waiting = getPending().stream().filter(candidate -> candidate.question().id().equals(id)).findFirst();
        if (waiting.isEmpty()) {
            return HttpResponses.errorWithoutStack(404, "nothing in this build waits for decision " + id);
        }
        if (!canDecide(waiting.get())) {
            return HttpResponses.forbidden();
        }
        var answer = request.getParameter("decision");
        if (!"yes".equals(answer) && !"no".equals(answer)) {
            return HttpResponses.errorWithoutStack(400, "decision must be yes or no");
        }
        if (!claims().claim(id)) {
            return HttpResponses.errorWithoutStack(409, "someone else decided a moment ago, or the wait ended");
        }
        try {
            waiting.get().decide(run, "yes".equals(answer),
                    Jenkins.getAuthentication2().getName(), comment);
            return HttpResponses.redirectToDot();
        }
        catch (AbortException e) { // nothing was recorded: one can try again
            return HttpResponses.errorWithoutStack(502, e.getMessage());
        }
        finally {
            claims().release(id);
        }
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-person";
    }

    @Override
    public String getDisplayName() {
        return "mlcd approval";
    }

    @Override
    public String getUrlName() {
        return URL;
    }

    @Override
    public void onAttached(final Run<?, ?> attachedTo) {
        this.run = attachedTo;
    }

    @Override
    public void onLoad(final Run<?, ?> loadedFrom) {
        this.run = loadedFrom;
    }

    /** One decision: on the build's page, and on the step's flow node. */
    public static final class Decision implements PersistentAction {
        private final String subject;
        private final String answer;
        private final boolean granted;
        private final String by;
        private final String comment;
        private final long at = System.currentTimeMillis();

        /**
         * @param answer  the chosen answer's label ("Approve", "Roll back", …)
         * @param granted whether it was the yes answer
         */
        Decision(final String subject, final String answer, final boolean granted, final String by,
                final String comment) {
            this.subject = subject;
            this.answer = answer;
            this.granted = granted;
            this.by = by;
            this.comment = comment;
        }

        public String getSubject() {
            return subject;
        }

        public String getAnswer() {
            return answer;
        }

        public boolean isGranted() {
            return granted;
        }

        public String getBy() {
            return by;
        }

        public String getComment() {
            return comment;
        }

        /** When, in UTC (ISO 8601). */
        public String getWhen() {
            return Instant.ofEpochMilli(at).toString();
        }

        @CheckForNull
        @Override
        public String getIconFileName() {
            return null;
        }

        @Override
        public String getDisplayName() {
            return answer + " by " + by;
        }

        @CheckForNull
        @Override
        public String getUrlName() {
            return null;
        }
    }
}
