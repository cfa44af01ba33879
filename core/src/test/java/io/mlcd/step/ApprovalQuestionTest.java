package io.mlcd.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.Test;

/** What approveModel asks and says: exact lines, since people read them in the build log. */
public class ApprovalQuestionTest {
    private final ApprovalQuestion churn = ApprovalQuestion.of("churn", "7", null);

    @Test
    public void shouldAskTheStepsQuestionElseADefaultOne() {
        assertThat(churn.question()).isEqualTo("Approve version 7 of model 'churn'?");
        assertThat(ApprovalQuestion.of("churn", "7", " ").question()).isEqualTo("Approve version 7 of model 'churn'?");
        assertThat(ApprovalQuestion.of("churn", "7", "Ship it to EU?").question()).isEqualTo("Ship it to EU?");
        assertThat(churn.subject()).isEqualTo("model 'churn', version 7");
    }

    @Test
    public void shouldSayWhatWasDecidedWithTheCommentOnlyWhenThereIsOne() {
        assertThat(churn.decided(true, "alice", "", true)).isEqualTo("version 7 of 'churn' APPROVED by alice");
        assertThat(churn.decided(false, "bob", "recall too low", true))
                .isEqualTo("version 7 of 'churn' REJECTED by bob: recall too low");
        assertThat(churn.decided(true, "alice", "ok", false)).isEqualTo("version 7 of 'churn' APPROVED by alice: ok "
                + "(no MLflow server configured: recorded on the build only)");
        assertThat(churn.rejected("bob", "")).isEqualTo("version 7 of 'churn' rejected by bob");
        assertThat(churn.rejected("bob", "not now")).isEqualTo("version 7 of 'churn' rejected by bob: not now");
        assertThat(churn.rejected("mallory", "fine\n\u001b[2JAPPROVED")).isEqualTo("version 7 of 'churn' rejected by "
                + "mallory: fine\\n\\e[2JAPPROVED");
        assertThat(churn.timedOut()).isEqualTo("no decision on version 7 of 'churn' within the timeout");
    }

    @Test
    public void shouldReturnWhoApprovedAndWhy() {
        assertThat(churn.approved("alice", "fine")).containsExactly(entry("approved", true), entry("by", "alice"),
                entry("comment", "fine"));
    }
}
