package io.mlcd.step;

import io.mlcd.canary.CanaryOptions;
import java.nio.file.Path;

/**
 * {@code canaryDeploy}'s deploy command, run on the machine of the build's node as
 * {@code mlcd canary --deploy-command} runs it there, its log in the workspace; returns the
 * address of the model server it started, once its health check answers.
 */
public record CanaryDeployment(String template, String healthPath, String name, String version)
        implements WorkspaceJob<String> {
    private static final long serialVersionUID = 1L;

    /** A blank or unset (null) health path is the default one; surrounding blanks of the template are dropped. */
    public CanaryDeployment {
        template = template == null ? "" : template.strip();
        healthPath = healthPath == null || healthPath.isBlank() ? CanaryOptions.DEFAULT_HEALTH_PATH
                : healthPath.strip();
    }

    @Override
    public String run(final Path workspace) {
        return CanaryOptions.commandDeployer(template, healthPath, workspace).deploy(name, version).uri().toString();
    }
}
