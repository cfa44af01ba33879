package io.jenkins.plugins.mlcd;

import hudson.model.AbstractProject;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestExtension;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The steps' forms, as the Snippet Generator shows them: every option survives being shown and
 * submitted again, list options in particular (one entry a line in their text areas).
 */
public class StepFormTest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Test
    public void listOptionsSurviveTheFormRoundTrip() throws Exception {
        var drift = new CheckDriftStep(List.of("ref.csv", "ref-2.csv"), List.of("cur.csv"));
        drift.setGates(List.of("drift_share <= 0.3", "drifted[income] < 1"));
        drift.setWarnings(List.of("drift_share <= 0.1"));
        drift.setColumnTests(List.of("income=psi", "region=chisquare"));
        drift.setColumnThresholds(List.of("income=0.2"));
        drift.setColumnTypes(List.of("zip=categorical", "age=numeric"));
        var validate = new ValidateModelStep(null);
        validate.setScore("score");
        validate.setGroups(List.of("sex", "region"));
        validate.setModelUrl("http://challenger.internal:5001");
        validate.setBaselineUrl("http://champion.internal:5001");
        validate.setData("test.csv");
        validate.setDrop(List.of("id", "ts"));
        validate.setConcurrency(2);
        validate.setRetries(0);
        validate.setPredictionField("probability");
        var register = new RegisterModelStep("3f2a", "churn");
        register.setTags(List.of("team=risk", "ticket=https://tracker.example/?id=42"));
        register.setData(List.of("train.csv", "test.csv"));
        var empty = new ValidateModelStep("preds.csv");
        var data = new ValidateDataStep(List.of("batch-1.csv", "batch-2.csv"), "schema.yaml");
        data.setReference(List.of("training.csv"));
        data.setDataset("production");
        data.setHistory(5);
        data.setName("churn");
        data.setVersion("7");
        data.setGates(List.of("anomalies <= 0", "row_count_change <= 0.5"));
        var robustness = new TestRobustnessStep("test.csv");
        robustness.setModelUrl("http://models.internal:5001");
        robustness.setBatchSize(500);
        robustness.setTimeout(10);
        robustness.setDrop(List.of("id"));
        robustness.setDecisionThreshold(0.3);
        robustness.setScoreIndex(1);
        robustness.setLabel("label");
        robustness.setProfile("train-profile.json");
        robustness.setPerturb(List.of("noise:income:0.1", "missing:*"));
        robustness.setSeed(7);
        robustness.setName("churn");
        robustness.setVersion("7");
        robustness.setGates(List.of("max_flip_rate <= 0.1"));
        var before = new Holder(drift, validate, register, empty, data, robustness);

        j.assertEqualDataBoundBeans(before, j.configRoundtrip(before));
    }

    /** Shows steps in a form, each with its own config page, as the Snippet Generator does. */
    public static final class Holder extends Builder {
        private final CheckDriftStep drift;
        private final ValidateModelStep validate;
        private final RegisterModelStep register;
        private final ValidateModelStep empty;
        private final ValidateDataStep data;
        private final TestRobustnessStep robustness;

        @DataBoundConstructor
        public Holder(final CheckDriftStep drift, final ValidateModelStep validate, final RegisterModelStep register,
                final ValidateModelStep empty, final ValidateDataStep data, final TestRobustnessStep robustness) {
            this.drift = drift;
            this.validate = validate;
            this.register = register;
            this.empty = empty;
            this.data = data;
            this.robustness = robustness;
        }

        public CheckDriftStep getDrift() {
            return drift;
        }

        public ValidateModelStep getValidate() {
            return validate;
        }

        public RegisterModelStep getRegister() {
            return register;
        }

        /** A step whose list options are all empty. */
        public ValidateModelStep getEmpty() {
            return empty;
        }

        public ValidateDataStep getData() {
            return data;
        }

        public TestRobustnessStep getRobustness() {
            return robustness;
        }

        @TestExtension
        public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
            @Override
            @SuppressWarnings("rawtypes")
            public boolean isApplicable(final Class<? extends AbstractProject> jobType) {
                return true;
            }
        }
    }
}
