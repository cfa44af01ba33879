package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.SafeText;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code approveModel} asks about a model version and says about the answer: the question
 * (the step's own, else a default one), the subject on the decision page, and its log lines and
 * failures (a comment shown as one visible line) and returned values (the comment as given).
 */
public record ApprovalQuestion(String name, String version, String question) {
    /** The step's message as the question, or when it gave none, {@code Approve version 7 of model 'churn'?}. */
    public static ApprovalQuestion of(final String name, final String version, @CheckForNull final String message) {
        return new ApprovalQuestion(name, version, message == null || message.isBlank()
                ? "Approve version " + version + " of model '" + name + "'?" : message);
    }

    public String subject() {
        return "model '" + name + "', version " + version;
    }

    public String timedOut() {
        return "no decision on version " + version + " of '" + name + "' within the timeout";
    }

    /** The decision as the log says it. */
    public String decided(final boolean approved, final String by, final String comment, final boolean inMlflow) {
        return "version " + version + " of '" + name + "' " + (approved ? "APPROVED" : "REJECTED") + " by " + by
                + because(comment) + (inMlflow ? "" : " (no MLflow server configured: recorded on the build only)");
    }

    /** Why the step fails after a rejection. */
    public String rejected(final String by, final String comment) {
        return "version " + version + " of '" + name + "' rejected by " + by + because(comment);
    }

    /** What the step returns after an approval. */
    public Map<String, Object> approved(final String by, final String comment) {
        var value = new LinkedHashMap<String, Object>();
        value.put("approved", true);
        value.put("by", by);
        value.put("comment", comment);
        return value;
    }

    /** A person's comment, as one visible line: it goes into a build log. */
    private static String because(final String comment) {
        return comment.isEmpty() ? "" : ": " + SafeText.line(comment, SafeText.QUOTE_LIMIT);
    }
}
