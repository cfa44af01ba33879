package io.mlcd.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Every YAML file mlcd reads means one thing, or is refused with its name and line. */
public class YamlFilesTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path file(final String yaml) throws IOException {
        return bytes(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private Path bytes(final byte[] content) throws IOException {
        var file = folder.newFile().toPath();
        Files.write(file, content);
        return file;
    }

    private JsonNode read(final Path file) {
        return YamlFiles.read(file, "policy file");
    }

    @Test
    public void shouldReadMappingsListsAndScalars() throws IOException {
        var tree = read(file("gates:\n  - roc_auc >= 0.85\n  - expression: f1 >= 0.5\n    severity: warn\n"
                + "weights: [5, 25, 100]\nconfidence: 0.95\nmanual_gate: true\nnothing:\n"));

        assertThat(tree.path("gates").get(0).asText()).isEqualTo("roc_auc >= 0.85");
        assertThat(tree.path("gates").get(1).path("severity").asText()).isEqualTo("warn");
        assertThat(tree.path("weights").get(2).isIntegralNumber()).isTrue();
        assertThat(tree.path("weights").get(2).asInt()).isEqualTo(100);
        assertThat(tree.path("confidence").doubleValue()).isEqualTo(0.95);
        assertThat(tree.path("manual_gate").isBoolean()).isTrue();
        assertThat(tree.path("nothing").isNull()).isTrue();
    }

    @Test
    public void shouldRefuseADuplicateKeyAnywhereWithBothLines() throws IOException {
        var top = file("gates:\n  - roc_auc >= 0.99\nwarn: []\ngates:\n  - roc_auc >= 0.1\n");
        assertThatThrownBy(() -> read(top)).isInstanceOf(InputException.class)
                .hasMessage("policy file " + top + ", line 4, column 1: duplicate key 'gates' (first on line 1)");

        var nested = file("gates:\n  - expression: roc_auc >= 0.9\n    expression: roc_auc >= 0.1\n");
        assertThatThrownBy(() -> read(nested))
                .hasMessage("policy file " + nested + ", line 3, column 5: duplicate key 'expression' (first on line 2)");

        var flow = file("{gates: [a], \"gates\": [b]}\n");
        assertThatThrownBy(() -> read(flow))
                .hasMessage("policy file " + flow + ", line 1, column 14: duplicate key 'gates' (first on line 1)");
    }

    @Test
    public void shouldTypeScalarsByJsonRulesNotYaml11() throws IOException {
        var tree = read(file("""
                a: yes
                b: off
                c: .inf
                d: .nan
                e: 0x10
                f: 1_000
                g: 2024-01-01
                h: "0.5"
                i: !!float .nan
                j: 1:30
                k: 012
                l: ~
                m: -1.5e-3
                n: .5
                o: TRUE
                """));

        for (var text : new String[] {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}) {
            assertThat(tree.path(text).isTextual()).as(text + " = " + tree.path(text)).isTrue();
        }
        assertThat(tree.path("i").asText()).isEqualTo(".nan");
        assertThat(tree.path("k").asInt()).as("no octal").isEqualTo(12);
        assertThat(tree.path("l").isNull()).isTrue();
        assertThat(tree.path("m").doubleValue()).isEqualTo(-0.0015);
        assertThat(tree.path("n").doubleValue()).isEqualTo(0.5);
        assertThat(tree.path("o").booleanValue()).isTrue();
    }

    @Test
    public void shouldRefuseNumbersBeyondADouble() throws IOException {
        var huge = file("confidence: 1e999\n");
        assertThatThrownBy(() -> read(huge))
                .hasMessage("policy file " + huge + ", line 1, column 13: the number 1e999 is too large");
    }

    @Test
    public void shouldRefuseFilesLargerThanOneMebibyteButReadOneAtTheLimit() throws IOException {
        var comment = "#".repeat(YamlFiles.MAX_BYTES - "gates: []\n".length() - 1) + "\n";
        assertThat(read(file(comment + "gates: []\n")).path("gates").isArray()).isTrue();

        var larger = file(comment + "gates: [a]\n");
        assertThatThrownBy(() -> read(larger))
                .hasMessage("policy file " + larger + " is larger than 1048576 bytes (1 MiB), the limit for YAML files");
    }

    @Test
    public void shouldRefuseBytesThatAreNotUtf8WithTheirLine() throws IOException {
        var latin1 = bytes("gates:\n  - recall[city=M\u00fcnchen] >= 0.5\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> read(latin1)).hasMessage("policy file " + latin1
                + ", line 2: not UTF-8 (byte 0xFC at offset 24); save the file as UTF-8");

        var utf16 = bytes("gates: []\n".getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> read(utf16)).hasMessageStartingWith("policy file " + utf16 + ", line 1: not UTF-8");

        var surrogate = bytes(new byte[] {'a', ':', ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'});
        assertThatThrownBy(() -> read(surrogate)).hasMessageContaining("not UTF-8 (byte 0xED at offset 3)");
    }

    @Test
    public void shouldSkipAUtf8ByteOrderMark() throws IOException {
        assertThat(read(file("\uFEFFgates: [a]\n")).path("gates").get(0).asText()).isEqualTo("a");
    }

    @Test
    public void shouldRefuseAliasesOfCollectionsSoNothingExpandsExponentially() throws IOException {
        var laughs = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            laughs.append("a").append(i).append(": &a").append(i).append(" [").append(("*a" + (i - 1) + ", ").repeat(8))
                    .append("*a").append(i - 1).append("]\n");
        }
        var bomb = file(laughs.toString());
        assertThatThrownBy(() -> read(bomb))
                .hasMessage("policy file " + bomb + " is not valid YAML: aliases (*name) of lists or mappings are not "
                        + "supported");

        var scalar = read(file("a: &x roc_auc >= 0.5\nb: *x\n"));
        assertThat(scalar.path("b").asText()).isEqualTo("roc_auc >= 0.5");
    }

    @Test
    public void shouldRefuseDeepNesting() throws IOException {
        var depth = YamlFiles.MAX_DEPTH - 2;
        assertThat(read(file("[".repeat(depth) + "]".repeat(depth) + "\n")).isArray()).isTrue();
        var deep = file("[".repeat(depth + 4) + "]".repeat(depth + 4) + "\n");
        assertThatThrownBy(() -> read(deep))
                .hasMessage("policy file " + deep + " is not valid YAML: nested more than 32 levels deep");
        var unclosed = file("[".repeat(500_000) + "\n");
        assertThatThrownBy(() -> read(unclosed)).hasMessageContaining("nested more than 32 levels deep");
    }

    @Test
    public void shouldRefuseSeveralDocumentsComplexKeysAndBrokenSyntax() throws IOException {
        var two = file("gates: [a]\n---\ngates: [b]\n");
        assertThatThrownBy(() -> read(two)).hasMessageStartingWith("policy file " + two + ", line 2, column 1: "
                + "not valid YAML: but found another document");

        var complex = file("? [a, b]\n: c\n");
        assertThatThrownBy(() -> read(complex))
                .hasMessage("policy file " + complex + ", line 1, column 3: a key must be text, not a list or mapping");

        var broken = file("gates: [roc_auc >= 0.85\n");
        assertThatThrownBy(() -> read(broken)).hasMessageStartingWith("policy file " + broken + ", line 2, column 1: "
                + "not valid YAML: ");

        var control = bytes(new byte[] {'a', ':', ' ', 'b', '\n', 'c', ':', 0x01, '\n'});
        assertThatThrownBy(() -> read(control)).hasMessage("policy file " + control + ", line 2: not valid YAML: "
                + "the character U+0001 is not allowed");
    }

    @Test
    public void shouldNameMissingFilesFoldersAndEmptyDocuments() throws IOException {
        var missing = folder.getRoot().toPath().resolve("missing.yaml");
        assertThatThrownBy(() -> read(missing)).hasMessage("policy file " + missing + " does not exist");
        assertThatThrownBy(() -> read(folder.getRoot().toPath()))
                .hasMessage("policy file " + folder.getRoot() + " is a directory");
        assertThat(read(file("# only a comment\n")).isMissingNode()).isTrue();
        assertThat(read(file("")).isMissingNode()).isTrue();
    }
}
