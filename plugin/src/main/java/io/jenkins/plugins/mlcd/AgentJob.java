package io.jenkins.plugins.mlcd;

import hudson.remoting.VirtualChannel;
import io.mlcd.step.WorkspaceJob;
import java.io.File;
import java.io.Serializable;
import jenkins.agents.ControllerToAgentFileCallable;

/** Runs a step's work in the workspace on the agent, where its files are ({@code FilePath.act}). */
record AgentJob<T extends Serializable>(WorkspaceJob<T> job) implements ControllerToAgentFileCallable<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public T invoke(final File workspace, final VirtualChannel channel) {
        return job.run(workspace.toPath());
    }
}
