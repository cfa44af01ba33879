package io.mlcd.util;

import java.io.File;
import java.nio.file.Path;

/** Resolves the file names a CI step is given against its workspace, refusing any that leave it. */
public final class Workspace {
    private Workspace() {
    }

    public static Path file(final File workspace, final String relative) {
        var root = workspace.toPath().toAbsolutePath().normalize();
        var target = root.resolve(Path.of(relative)).normalize();
        if (!target.startsWith(root)) {
            throw new InputException("'%s' lies outside the workspace", relative);
        }
        return target;
    }
}
