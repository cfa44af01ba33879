package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import java.io.IOException;

/**
 * A step waiting for a person's yes or no on the build's {@link ApprovalAction} page:
 * {@code approveModel}'s approval, {@code canaryDeploy}'s manual gates.
 */
public interface PendingDecision {
    /** Unique within the build; the form sends it back. */
    String getId();

    /** The question, e.g. "Approve version 7 of model 'churn'?". */
    String getMessage();

    /** What is decided on, e.g. "churn version 7". */
    String getSubject();

    /** The subject's page in the MLflow UI, or null. */
    @CheckForNull
    String getSubjectUrl();

    /** The label of the yes answer, e.g. "Approve" or "Proceed". */
    String getYes();

    /** The label of the no answer, e.g. "Reject" or "Roll back". */
    String getNo();

    /** Who may decide (user ids or groups, comma separated); {@code null}: anyone with Build permission. */
    @CheckForNull
    String submitter();

    /** A permitted person decided; records the decision and lets the step go on. */
    void decide(Run<?, ?> run, boolean yes, String by, String comment) throws IOException, InterruptedException;
}
