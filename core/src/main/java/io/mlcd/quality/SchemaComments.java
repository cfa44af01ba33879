package io.mlcd.quality;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.comments.CommentType;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The comments of a schema file that carry meaning back into the model: which constraints are
 * {@code # inferred} (a comment at the end of the constraint's value) and the notes at the top
 * of the dataset and of each column block. Read from text that {@link io.mlcd.util.YamlFiles}
 * has already accepted, so limits and duplicate keys are checked; comments SnakeYAML cannot place
 * are dropped, as comments carry no check.
 */
final class SchemaComments {
    static final String INFERRED = "inferred";
    static final SchemaComments NONE = new SchemaComments();

    private final Set<List<String>> inferred = new HashSet<>();
    private final Map<List<String>, List<String>> notes = new HashMap<>();

    private SchemaComments() {
    }

    static SchemaComments of(final String text) {
        var options = new LoaderOptions();
        options.setProcessComments(true);
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(Integer.MAX_VALUE); // the text passed YamlFiles' limits already
        options.setNestingDepthLimit(64);
        try {
            var root = new Yaml(options).compose(new StringReader(text));
            var comments = new SchemaComments();
            if (root instanceof MappingNode mapping) {
                comments.readRoot(mapping);
            }
            return comments;
        }
        catch (RuntimeException e) {
            // SnakeYAML's comment handling is younger than its parser: should it trip on a file
            // that was read without comments, the schema stands without marks and notes
            return NONE;
        }
    }

    /** Whether the value at {@code path} (keys, or list indexes as text) ends in an {@code # inferred} comment. */
    boolean isInferred(final List<String> path) {
        return inferred.contains(path);
    }

    /** The comment lines above the first key under {@code path} ({@code []} for the dataset's notes). */
    List<String> notes(final List<String> path) {
        return notes.getOrDefault(path, List.of());
    }

    private void readRoot(final MappingNode root) {
        var entries = root.getValue();
        if (entries.size() > 1) {
            notes.put(List.of(), lines(entries.get(1).getKeyNode()));
        }
        for (NodeTuple entry : entries) {
            var key = key(entry);
            mark(List.of(key), entry.getValueNode());
            if (key.equals("columns") && entry.getValueNode() instanceof MappingNode columns) {
                for (NodeTuple column : columns.getValue()) {
                    readColumn(key(column), column.getValueNode());
                }
            }
        }
    }

    private void readColumn(final String column, final Node node) {
        if (!(node instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
            return;
        }
        notes.put(List.of("columns", column), lines(mapping.getValue().get(0).getKeyNode()));
        for (NodeTuple entry : mapping.getValue()) {
            var path = List.of("columns", column, key(entry));
            mark(path, entry.getValueNode());
            if (entry.getValueNode() instanceof SequenceNode items && path.get(2).equals("quantiles")) {
                for (int i = 0; i < items.getValue().size(); i++) {
                    mark(List.of("columns", column, "quantiles", Integer.toString(i)), items.getValue().get(i));
                }
            }
        }
    }

    private void mark(final List<String> path, final Node value) {
        var inline = value.getInLineComments();
        if (inline != null && inline.stream().anyMatch(line -> line.getValue().strip().startsWith(INFERRED))) {
            inferred.add(path);
        }
    }

    private static String key(final NodeTuple entry) {
        return entry.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "";
    }

    private static List<String> lines(final Node key) {
        var lines = new ArrayList<String>();
        for (CommentLine line : key.getBlockComments() == null ? List.<CommentLine>of() : key.getBlockComments()) {
            if (line.getCommentType() == CommentType.BLOCK) {
                var value = line.getValue();
                lines.add(value.startsWith(" ") ? value.substring(1) : value);
            }
        }
        return lines;
    }
}
