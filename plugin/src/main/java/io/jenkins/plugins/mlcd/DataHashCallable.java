package io.jenkins.plugins.mlcd;

import hudson.remoting.VirtualChannel;
import io.mlcd.registry.Lineage;
import io.mlcd.util.Workspace;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import jenkins.agents.ControllerToAgentFileCallable;

/** SHA-256 of data files in the workspace, computed on the agent where they are: file name to hex. */
record DataHashCallable(ArrayList<String> files) implements ControllerToAgentFileCallable<LinkedHashMap<String, String>> {
    private static final long serialVersionUID = 1L;

    @Override
    public LinkedHashMap<String, String> invoke(final File workspace, final VirtualChannel channel) {
        var hashes = new LinkedHashMap<String, String>();
        for (String name : files) {
            var file = Workspace.file(workspace, name);
            hashes.put(file.getFileName().toString(), Lineage.sha256(file));
        }
        return hashes;
    }
}
