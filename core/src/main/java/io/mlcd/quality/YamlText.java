package io.mlcd.quality;

import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.DumperOptions.NonPrintableStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.Yaml;

/**
 * Text as a YAML scalar that {@link io.mlcd.util.YamlFiles} reads back as the same text, in a
 * block or a flow collection: plain when it is a simple word that cannot be read as anything
 * else, otherwise double-quoted by SnakeYAML's emitter, which escapes quotes, backslashes, line
 * breaks and non-printable characters.
 */
final class YamlText {
    /** Words YAML could read as plain text in any context: no indicator, space, or number at the start. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*");
    /** Words {@link io.mlcd.util.YamlFiles} reads as booleans or null rather than text. */
    private static final Set<String> RESERVED = Set.of("true", "True", "TRUE", "false", "False", "FALSE", "null",
            "Null", "NULL");
    private static final Yaml QUOTING = quoting();

    private YamlText() {
    }

    static String scalar(final String text) {
        if (WORD.matcher(text).matches() && !RESERVED.contains(text)) {
            return text;
        }
        var dumped = QUOTING.dump(text);
        return dumped.endsWith("\n") ? dumped.substring(0, dumped.length() - 1) : dumped;
    }

    private static Yaml quoting() {
        var options = new DumperOptions();
        options.setDefaultScalarStyle(ScalarStyle.DOUBLE_QUOTED);
        options.setNonPrintableStyle(NonPrintableStyle.ESCAPE);
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        options.setAllowUnicode(true);
        return new Yaml(options);
    }
}
