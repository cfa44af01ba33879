package io.mlcd.util;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Resolves the file names a CI step is given against its workspace, refusing any that leave it:
 * by {@code ..} in the name, or through a symbolic link in the workspace that points out of it
 * (a checked-out link to the agent's or controller's secrets, say), also one that dangles.
 */
public final class Workspace {
    private Workspace() {
    }

    public static Path file(final File workspace, final String relative) {
        var root = workspace.toPath().toAbsolutePath().normalize();
        var target = root.resolve(Path.of(relative)).normalize();
        if (!target.startsWith(root)) {
            throw new InputException("'%s' lies outside the workspace", relative);
        }
        if (!Files.isDirectory(root)) {
            return target; // nothing in it yet, so no link either: reading will say the file is missing
        }
        // the deepest part of the path that exists (a link counts, followed or not) decides where it leads
        var existing = target;
        while (!existing.equals(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        try {
            if (!existing.toRealPath().startsWith(root.toRealPath())) {
                throw new InputException("'%s' leads outside the workspace through a symbolic link", relative);
            }
        }
        catch (IOException e) {
            throw new InputException("'%s' leads nowhere in the workspace (a dangling symbolic link?): %s", relative,
                    e.getMessage());
        }
        return target;
    }
}
