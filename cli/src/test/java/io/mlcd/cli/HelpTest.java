package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;
import picocli.CommandLine;

/**
 * {@code --help} of every command, found in the command tree so a new command is covered too, as a
 * new user reads it at the narrowest width picocli uses, the default one and a wide terminal's.
 */
public class HelpTest {
    /** picocli never lays help out narrower than this, whatever the terminal. */
    private static final int NARROWEST = 55;
    private static final int[] WIDTHS = {NARROWEST, 80, 160};

    @Test
    public void shouldPrintHelpOfEveryCommandWithoutPicocliWarnings() {
        for (var command : commands()) {
            for (var width : WIDTHS) {
                var help = help(command, width);
                assertThat(help.status()).as("exit status of %s at width %d", help.args(), width).isZero();
                assertThat(help.out()).as("help of %s at width %d", help.args(), width).contains("Usage: mlcd");
                assertThat(help.all().lines().filter(line -> line.contains("[picocli WARN]")))
                        .as("picocli warnings of %s at width %d (a %% in help text must be %%%%)", help.args(), width)
                        .isEmpty();
            }
        }
    }

    @Test
    public void shouldKeepEveryExampleWholeAtEveryWidth() {
        var examples = 0;
        for (var command : commands()) {
            for (var width : WIDTHS) {
                var help = help(command, width);
                var lines = examples(help.out());
                for (int i = 0; i < lines.size(); i++) {
                    var line = lines.get(i);
                    var where = "example line '" + line + "' of " + help.args() + " at width " + width;
                    var continuation = i > 0 && continues(lines.get(i - 1));
                    assertThat(line).as(where).matches(continuation ? " {4}(?!mlcd )\\S.*" : "  mlcd .*");
                    assertThat(quotesBalanced(line)).as(where + ": quotes balanced").isTrue();
                }
                assertThat(lines.isEmpty() || !continues(lines.get(lines.size() - 1)))
                        .as("last example line of %s ends the command", help.args()).isTrue();
                examples += lines.stream().filter(line -> line.startsWith("  mlcd ")).count();
            }
        }
        assertThat(examples).as("example commands seen").isGreaterThanOrEqualTo(13 * WIDTHS.length);
    }

    @Test
    public void shouldWidenHelpToTheGivenWidth() {
        var narrow = help(List.of("canary"), NARROWEST).out();
        var wide = help(List.of("canary"), 160).out();
        assertThat(narrow.lines().mapToInt(String::length).max().orElseThrow()).isLessThanOrEqualTo(NARROWEST);
        assertThat(wide.lines().mapToInt(String::length).max().orElseThrow()).isGreaterThan(120).isLessThanOrEqualTo(160);
        assertThat(wide.lines().count()).isLessThan(narrow.lines().count());
    }

    /** Every command path in the tree, the root's ({@code mlcd}) first, e.g. [], [validate], [help]. */
    private static List<List<String>> commands() {
        var paths = new ArrayList<List<String>>();
        collect(new CommandLine(new Mlcd()), List.of(), paths);
        assertThat(paths).as("commands found").hasSizeGreaterThan(8);
        return paths;
    }

    private static void collect(final CommandLine command, final List<String> path, final List<List<String>> paths) {
        paths.add(path);
        command.getSubcommands().values().stream().distinct().forEach(sub ->
                collect(sub, Stream.concat(path.stream(), Stream.of(sub.getCommandName())).toList(), paths));
    }

    /** The lines of the Examples section: from its heading to the first blank line. */
    private static List<String> examples(final String help) {
        var lines = help.lines().toList();
        var start = lines.indexOf("Examples:");
        if (start < 0) {
            return List.of();
        }
        return lines.subList(start + 1, lines.size()).stream().takeWhile(line -> !line.isBlank()).toList();
    }

    private static boolean continues(final String line) {
        return line.endsWith(" \\");
    }

    private static boolean quotesBalanced(final String line) {
        return line.chars().filter(c -> c == '\'').count() % 2 == 0 && line.chars().filter(c -> c == '"').count() % 2 == 0;
    }

    /** {@code mlcd ... --help} at a fixed width, with whatever picocli printed to the JVM's own streams. */
    private static Help help(final List<String> command, final int width) {
        var args = Stream.concat(command.stream(), Stream.of("--help")).toArray(String[]::new);
        var stdout = System.out;
        var stderr = System.err;
        var jvmOut = new ByteArrayOutputStream();
        var jvmErr = new ByteArrayOutputStream();
        var property = System.getProperty("picocli.usage.width");
        System.setProperty("picocli.usage.width", Integer.toString(width));
        try {
            System.setOut(new PrintStream(jvmOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(jvmErr, true, StandardCharsets.UTF_8));
            var run = CliRun.of(args);
            return new Help(List.of(args), run.status(), run.out(),
                    run.err() + jvmOut.toString(StandardCharsets.UTF_8) + jvmErr.toString(StandardCharsets.UTF_8));
        }
        finally {
            System.setOut(stdout);
            System.setErr(stderr);
            if (property == null) {
                System.clearProperty("picocli.usage.width");
            }
            else {
                System.setProperty("picocli.usage.width", property);
            }
        }
    }

    private record Help(List<String> args, int status, String out, String otherOutput) {
        String all() {
            return out + otherOutput;
        }
    }
}
