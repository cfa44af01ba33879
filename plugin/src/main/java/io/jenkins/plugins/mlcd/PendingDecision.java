package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import java.io.IOException;

/**
 * A step waiting for a person's yes or no on the build's {@link ApprovalAction} page:
 * {@code approveModel}'s approval, {@code canaryDeploy}'s manual gates.
 */
public interface PendingDecision {
    /**
     * What the step asks, as the page shows it.
     *
     * @param id         unique within the build; the form sends it back
     * @param message    the question, e.g. "Approve version 7 of model 'churn'?"
     * @param subject    what is decided on, e.g. "model 'churn', version 7"
     * @param subjectUrl the subject's page in the MLflow UI, or null
     * @param yes        the label of the yes answer, e.g. "Approve" or "Proceed"
     * @param no         the label of the no answer, e.g. "Reject" or "Roll back"
     * @param submitter  who may decide (user ids or groups, comma separated); null: anyone with Build permission
     */
    record Question(String id, String message, String subject, @CheckForNull String subjectUrl, String yes, String no,
            @CheckForNull String submitter) {
    }

    Question question();

    /** A permitted person decided; records the decision and lets the step go on. */
    void decide(Run<?, ?> run, boolean yes, String by, String comment) throws IOException, InterruptedException;
}
