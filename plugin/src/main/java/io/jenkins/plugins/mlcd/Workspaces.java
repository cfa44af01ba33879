package io.jenkins.plugins.mlcd;

import io.mlcd.util.InputException;
import java.io.File;
import java.nio.file.Path;

/** Resolves the file names steps are given against the workspace, refusing any that leave it. */
final class Workspaces {
    private Workspaces() {
    }

    static File file(final File workspace, final String relative) {
        var root = workspace.toPath().toAbsolutePath().normalize();
        var target = root.resolve(Path.of(relative)).normalize();
        if (!target.startsWith(root)) {
            throw new InputException("'%s' lies outside the workspace", relative);
        }
        return target.toFile();
    }
}
