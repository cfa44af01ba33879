package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Run;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import jenkins.model.RunAction2;
import org.jenkinsci.plugins.workflow.actions.PersistentAction;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionOwner;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The build's approval page ({@code <build>/mlcd-approval/}): pending {@code approveModel}
 * requests with the build's mlcd reports as evidence, an Approve/Reject form for those who may
 * decide, and the decisions taken. Persists only ids and decisions (plain strings and numbers);
 * the live executions are found again through the flow, as the input step does.
 */
public final class ApprovalAction implements RunAction2 {
    static final String URL = "mlcd-approval";

    private final ArrayList<String> pending = new ArrayList<>();
    private final ArrayList<Decision> decisions = new ArrayList<>();
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

    /** Idempotent: a step resumed after a restart asks again. */
    synchronized void request(final String id) throws IOException {
        if (!pending.contains(id)) {
            pending.add(id);
            run.save();
        }
    }

    /** Takes a pending decision off the list, so that of two people answering at once only one decides. */
    private synchronized boolean claim(final String id) {
        return pending.remove(id);
    }

    synchronized void settled(final String id) throws IOException {
        pending.remove(id);
        run.save();
    }

    /** A decision taken: off the pending list, onto the build's decisions and the deciding step's flow node. */
    void decided(final String id, final Decision decision, @CheckForNull final FlowNode node) throws IOException {
        synchronized (this) {
            pending.remove(id);
            decisions.add(decision);
            run.save();
        }
        if (node != null) {
            node.addOrReplaceAction(decision);
        }
    }

    /** The decisions this build is waiting for. */
    public List<PendingDecision> getPending() throws Exception {
        List<String> ids;
        synchronized (this) {
            ids = new ArrayList<>(pending);
        }
        var found = new ArrayList<PendingDecision>();
        if (ids.isEmpty() || !(run instanceof FlowExecutionOwner.Executable executable)) {
            return found;
        }
        var owner = executable.asFlowExecutionOwner();
        if (owner == null) {
            return found;
        }
        for (StepExecution execution : owner.get().getCurrentExecutions(true).get(30, TimeUnit.SECONDS)) {
            if (execution instanceof PendingDecision waiting && ids.contains(waiting.getId())) {
                found.add(waiting);
            }
        }
        return found;
    }

    public synchronized List<Decision> getDecisions() {
        return new ArrayList<>(decisions);
    }

    /** The mlcd reports of this build, shown next to the request. */
    public List<MlcdReportAction> getEvidence() {
        return run.getActions(MlcdReportAction.class);
    }

    /**
     * The input step's rule: without submitters, Build permission on the job; administrators
     * always; otherwise the user's id or one of their groups must be listed.
     */
    public boolean canDecide(final PendingDecision waiting) {
        var submitter = waiting.submitter();
        if (submitter == null) {
            return run.getParent().hasPermission(Item.BUILD);
        }
        var jenkins = Jenkins.get();
        if (jenkins.hasPermission(Jenkins.ADMINISTER)) {
            return true;
        }
        var auth = Jenkins.getAuthentication2();
        var realm = jenkins.getSecurityRealm();
        for (String entry : submitter.split(",")) {
            var wanted = entry.strip();
            if (wanted.isEmpty()) {
                continue;
            }
            if (realm.getUserIdStrategy().equals(auth.getName(), wanted)) {
                return true;
            }
            for (var authority : auth.getAuthorities()) {
                if (realm.getGroupIdStrategy().equals(authority.getAuthority(), wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The form's target: {@code id}, {@code decision} ({@code yes} or {@code no}), {@code comment}. */
    @RequirePOST
    public HttpResponse doDecide(final StaplerRequest2 request) throws Exception {
        run.checkPermission(Item.READ);
        var id = request.getParameter("id");
        var yes = "yes".equals(request.getParameter("decision"));
        var comment = request.getParameter("comment") == null ? "" : request.getParameter("comment").strip();
        for (PendingDecision waiting : getPending()) {
            if (waiting.getId().equals(id)) {
                if (!canDecide(waiting)) {
                    return HttpResponses.forbidden();
                }
                if (!claim(id)) {
                    return HttpResponses.errorWithoutStack(409, "someone else decided a moment ago");
                }
                try {
                    waiting.decide(run, yes, Jenkins.getAuthentication2().getName(), comment);
                }
                catch (AbortException e) { // nothing was recorded; the build still waits, so one can try again
                    request(id);
                    return HttpResponses.errorWithoutStack(502, e.getMessage());
                }
                return HttpResponses.redirectToDot();
            }
        }
        return HttpResponses.errorWithoutStack(404, "nothing in this build waits for decision " + id);
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
        private final long at;

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
            this.at = System.currentTimeMillis();
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

        /** Epoch milliseconds. */
        public long getAt() {
            return at;
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
