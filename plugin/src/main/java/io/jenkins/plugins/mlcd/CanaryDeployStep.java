package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code canaryDeploy}: {@code mlcd canary} from a build (docs/jenkins/canaryDeploy.md), with the
 * same options and defaults, checked by core's {@code CanaryOptions} when the step starts (core's
 * {@code CanaryArguments} reads them from the step's arguments by these field names). The
 * options are public data-bound fields, as in the {@code mail} step: a blank text (the empty
 * default, so the Snippet Generator leaves it out) or a null number means "not given", which is
 * the rollout file's value, else the default of {@code mlcd canary}.
 */
public final class CanaryDeployStep extends GatedStep {
    @DataBoundSetter
    public String haproxyRuntime = "";
    @DataBoundSetter
    public String routerUrl = "";
    @DataBoundSetter
    public String backend = "";
    @DataBoundSetter
    public String stableServer = "";
    @DataBoundSetter
    public String canaryServer = "";
    @DataBoundSetter
    public String haproxyLogs = "";
    @DataBoundSetter
    public String prometheus = "";
    @DataBoundSetter
    public String weights = "";
    @DataBoundSetter
    public String pause = "";
    @DataBoundSetter
    public String approveBefore = "";
    @DataBoundSetter
    public String rollout = "";
    @DataBoundSetter
    public String probe = "";
    @DataBoundSetter
    public String canaryUrl = "";
    @DataBoundSetter
    public String stableUrl = "";
    @DataBoundSetter
    public String deployCommand = "";
    @DataBoundSetter
    public String healthPath = "";
    @DataBoundSetter
    public String name = "";
    @DataBoundSetter
    public String version = "";
    @DataBoundSetter
    public String submitter = "";
    @DataBoundSetter
    @CheckForNull
    public Integer minRequests;
    @DataBoundSetter
    @CheckForNull
    public Double confidence;
    @DataBoundSetter
    @CheckForNull
    public Integer failureLimit;
    @DataBoundSetter
    @CheckForNull
    public Integer inconclusiveLimit;
    @DataBoundSetter
    public boolean manualGate;
    @DataBoundSetter
    public boolean blueGreen;
    @DataBoundSetter
    public boolean allowNoAnalysis;
    /** With {@code name} and {@code version}: check the evidence first and move champion on success. */
    @DataBoundSetter
    public boolean promote = true;

    @DataBoundConstructor
    public CanaryDeployStep() {
        // every option is optional; which are needed together is checked when the step starts
    }

    @Override
    public StepExecution start(final StepContext context) {
        return new CanaryDeployExecution(context, this);
    }

    @Extension
    public static final class DescriptorImpl extends MlcdStepDescriptor {
        public DescriptorImpl() {
            super("canaryDeploy", "Shift live traffic to a model version step by step, with automatic rollback (mlcd)",
                    Run.class, TaskListener.class, FlowNode.class);
        }
    }
}
