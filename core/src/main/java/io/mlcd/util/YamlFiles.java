package io.mlcd.util;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * The one place mlcd reads YAML files (policies, rollout files): into a JSON tree, strictly, so
 * that a file means one thing or is refused with its name and line.
 * <ul>
 *   <li>at most {@value #MAX_BYTES} bytes, UTF-8 only (a BOM is skipped), one document;</li>
 *   <li>a key given twice in a mapping is an error (YAML parsers usually keep the last one, which
 *       silently drops the first list of gates);</li>
 *   <li>no aliases of lists or mappings (no "billion laughs"), nesting up to about {@value #MAX_DEPTH}
 *       levels (SnakeYAML's count);</li>
 *   <li>plain scalars are typed by the JSON rules of YAML 1.2, not YAML 1.1: {@code true} and
 *       {@code false} are booleans, {@code null}, {@code ~} and nothing are null, decimal numbers
 *       ({@link Numbers#DECIMAL}) are numbers; everything else, {@code yes}, {@code .inf},
 *       {@code .nan}, {@code 0x10}, {@code 1_000}, dates, is text. Quoted scalars are always text,
 *       and tags do not change any of this.</li>
 * </ul>
 */
public final class YamlFiles {
    /** Policies and rollout files are a few kilobytes; a megabyte leaves room and bounds time and memory. */
    public static final int MAX_BYTES = 1 << 20;
    static final int MAX_DEPTH = 32;
    private static final Pattern TRUE = Pattern.compile("true|True|TRUE");
    private static final Pattern FALSE = Pattern.compile("false|False|FALSE");
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");
    private static final Pattern WHOLE = Pattern.compile("[-+]?[0-9]+");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Path file;
    private final String what;

    private YamlFiles(final Path file, final String what) {
        this.file = file;
        this.what = what;
    }

    /**
     * Reads a YAML file.
     *
     * @param what names the file in messages, e.g. {@code policy file}
     * @return the document as a JSON tree; {@link MissingNode} when the file holds no document
     * @throws InputException when the file is missing, too large, not UTF-8 or not valid YAML,
     *                        or has a duplicate key, an alias of a collection or too deep nesting
     */
    public static JsonNode read(final Path file, final String what) {
        var reader = new YamlFiles(file, what);
        return reader.tree(reader.text(reader.bytes()));
    }

    /**
     * Reads YAML text handed over whole (a Pipeline passes a rollout file's text), with the same
     * limits as a file.
     *
     * @param file names the text in messages
     */
    public static JsonNode parse(final Path file, final String yaml, final String what) {
        var reader = new YamlFiles(file, what);
        if (yaml.length() > MAX_BYTES || yaml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InputException("%s %s is larger than %d bytes (1 MiB), the limit for YAML files", what, file,
                    MAX_BYTES);
        }
        return reader.tree(yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml);
    }

    private byte[] bytes() {
        if (Files.isDirectory(file)) {
            throw new InputException("%s %s is a directory", what, file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            // One byte more than allowed tells a file at the limit from a larger one, also for pipes.
            var bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new InputException("%s %s is larger than %d bytes (1 MiB), the limit for YAML files", what, file,
                        MAX_BYTES);
            }
            return bytes;
        }
        catch (NoSuchFileException e) {
            throw new InputException("%s %s does not exist", what, file);
        }
        catch (AccessDeniedException e) {
            throw new InputException("%s %s cannot be read: permission denied", what, file);
        }
        catch (IOException e) {
            throw new InputException("%s %s cannot be read: %s", what, file, e.getMessage());
        }
    }

    private String text(final byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        var buffer = ByteBuffer.wrap(bytes);
        try {
            var text = decoder.decode(buffer).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        }
        catch (CharacterCodingException e) {
            var line = 1;
            for (int i = 0; i < buffer.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new InputException("%s %s, line %d: not UTF-8 (byte 0x%02X at offset %d); save the file as UTF-8",
                    what, file, line, bytes[buffer.position()] & 0xFF, buffer.position());
        }
    }

    private JsonNode tree(final String text) {
        var options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        }
        catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            var problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw error(mark, "not valid YAML: %s", firstLine(problem));
        }
        catch (ReaderException e) {
            var before = text.substring(0, text.offsetByCodePoints(0, Math.min(e.getPosition(),
                    text.codePointCount(0, text.length()))));
            throw new InputException("%s %s, line %d: not valid YAML: the character U+%04X is not allowed", what, file,
                    before.chars().filter(c -> c == '\n').count() + 1, e.getCodePoint());
        }
        catch (YAMLException e) {
            throw new InputException("%s %s is not valid YAML: %s", what, file, limitMessage(e));
        }
        return root == null ? MissingNode.getInstance() : json(root);
    }

    /** SnakeYAML's words for its limits, said in terms of the file. */
    private static String limitMessage(final YAMLException e) {
        var message = firstLine(e.getMessage());
        if (message.startsWith("Number of aliases")) {
            return "aliases (*name) of lists or mappings are not supported";
        }
        if (message.startsWith("Nesting Depth")) {
            return "nested more than " + MAX_DEPTH + " levels deep";
        }
        return message;
    }

    private JsonNode json(final Node node) {
        if (node instanceof MappingNode mapping) {
            return object(mapping);
        }
        if (node instanceof SequenceNode sequence) {
            ArrayNode array = JSON.arrayNode();
            sequence.getValue().forEach(item -> array.add(json(item)));
            return array;
        }
        return scalar((ScalarNode) node);
    }

    private ObjectNode object(final MappingNode mapping) {
        var object = JSON.objectNode();
        var lines = new HashMap<String, Integer>();
        for (var entry : mapping.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                throw error(entry.getKeyNode().getStartMark(), "a key must be text, not a list or mapping");
            }
            var line = key.getStartMark().getLine() + 1;
            var first = lines.putIfAbsent(key.getValue(), line);
            if (first != null) {
                throw error(key.getStartMark(), "duplicate key '%s' (first on line %d)", key.getValue(), first);
            }
            object.set(key.getValue(), json(entry.getValueNode()));
        }
        return object;
    }

    private JsonNode scalar(final ScalarNode scalar) {
        var text = scalar.getValue();
        if (scalar.getScalarStyle() != ScalarStyle.PLAIN) {
            return JSON.textNode(text);
        }
        if (NULLS.contains(text)) {
            return JSON.nullNode();
        }
        if (TRUE.matcher(text).matches() || FALSE.matcher(text).matches()) {
            return JSON.booleanNode(TRUE.matcher(text).matches());
        }
        if (WHOLE.matcher(text).matches()) {
            return JSON.numberNode(new BigInteger(text));
        }
        if (Numbers.isDecimal(text)) {
            var number = Double.parseDouble(text);
            if (!Double.isFinite(number)) {
                throw error(scalar.getStartMark(), "the number %s is too large", text);
            }
            return JSON.numberNode(number);
        }
        return JSON.textNode(text);
    }

    private InputException error(final Mark mark, final String format, final Object... args) {
        var problem = String.format(java.util.Locale.ROOT, format, args);
        if (mark == null) {
            return new InputException("%s %s: %s", what, file, problem);
        }
        return new InputException("%s %s, line %d, column %d: %s", what, file, mark.getLine() + 1, mark.getColumn() + 1,
                problem);
    }

    private static String firstLine(final String message) {
        var text = message == null ? "unknown error" : message.strip();
        var end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
