package io.jenkins.plugins.mlcd;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.mlcd.registry.Lineage;
import io.mlcd.util.InputException;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/** SHA-256 of data files in the workspace, computed on the agent where they are: file name to hex. */
final class DataHashCallable extends MasterToSlaveFileCallable<LinkedHashMap<String, String>> {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> files;

    DataHashCallable(final List<String> files) {
        this.files = new ArrayList<>(files);
    }

    @Override
    public LinkedHashMap<String, String> invoke(final File workspace, final VirtualChannel channel)
            throws AbortException {
        var hashes = new LinkedHashMap<String, String>();
        try {
            for (String name : files) {
                var file = Workspaces.file(workspace, name).toPath();
                hashes.put(file.getFileName().toString(), Lineage.sha256(file));
            }
        }
        catch (InputException e) {
            throw new AbortException("registerModel: " + e.getMessage());
        }
        return hashes;
    }
}
