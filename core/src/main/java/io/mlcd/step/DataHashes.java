package io.mlcd.step;

import io.mlcd.registry.Lineage;
import io.mlcd.util.Workspace;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/** {@code registerModel}'s data files hashed where they are: file name to SHA-256 (hex), for the lineage. */
public record DataHashes(List<String> files) implements WorkspaceJob<LinkedHashMap<String, String>> {
    private static final long serialVersionUID = 1L;

    public DataHashes {
        files = List.copyOf(files);
    }

    @Override
    public LinkedHashMap<String, String> run(final Path workspace) {
        var hashes = new LinkedHashMap<String, String>();
        for (String name : files) {
            var file = Workspace.file(workspace.toFile(), name);
            hashes.put(file.getFileName().toString(), Lineage.sha256(file));
        }
        return hashes;
    }
}
