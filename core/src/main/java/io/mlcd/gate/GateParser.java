package io.mlcd.gate;

import io.mlcd.util.InputException;
import io.mlcd.util.Numbers;
import io.mlcd.util.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses gate expressions of the shared syntax:
 * <pre>
 *   metric[qualifier]? (&gt;= | &gt; | &lt;= | &lt;) number
 *   metric[qualifier]? op baseline
 *   metric[qualifier]? op baseline (+ | -) number      absolute change vs baseline
 *   metric[qualifier]? op baseline * number            relative change vs baseline
 * </pre>
 * A number is written in decimal notation ({@link Numbers#DECIMAL}: no {@code NaN},
 * {@code Infinity}, hex or {@code f} suffix) and may carry a unit: {@code %} (hundredths:
 * {@code 1%} is 0.01), {@code ms} or {@code s} (durations in milliseconds: {@code 0.3s} is 300),
 * so that {@code error_rate <= baseline + 1%} and {@code latency_p95 <= 300ms} read as written.
 * The factor of {@code baseline * N} must be positive. Control and format characters (such as
 * bidirectional overrides) are refused anywhere in an expression: reports show it verbatim.
 */
public final class GateParser {
    private static final int SHOWN = 200;
    private static final String NUMBER = "(?:" + Numbers.DECIMAL + ")(?:\\s*(?:%|ms|s))?";
    /** Matched against the stripped expression, so the threshold needs no lazy match (quadratic on long blanks). */
    private static final Pattern GATE = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_.]*)\\s*(?:\\[([^\\]]*)\\])?\\s*(>=|<=|==|>|<)\\s*(.*)", Pattern.DOTALL);
    private static final Pattern FIXED = Pattern.compile(NUMBER);
    private static final Pattern BASELINE = Pattern.compile(
            "baseline(?:\\s*([-+*])\\s*(" + NUMBER + "))?");

    private final MetricCatalog catalog;

    public GateParser(final MetricCatalog catalog) {
        this.catalog = catalog;
    }

    /** Parses one expression; a malformed one or an unknown metric is an {@link InputException}. */
    public Gate parse(final String expression, final Severity severity) {
        expression.codePoints().filter(GateParser::isHidden).findFirst().ifPresent(character -> {
            throw malformed(visible(expression), String.format(Locale.ROOT,
                    "it contains the control or invisible character U+%04X; write gates as plain text", character));
        });
        Matcher gate = GATE.matcher(expression.strip());
        if (!gate.matches()) {
            throw malformed(expression, "expected 'metric OP threshold' with OP one of >= > <= <"
                    + (catalog.allowsEquality() ? " ==" : ""));
        }
        if (gate.group(3).equals("==") && !catalog.allowsEquality()) {
            throw malformed(expression, "== is only for exact counts (mlcd validate-data); state a direction with "
                    + ">= > <= <");
        }
        var qualifier = gate.group(2);
        if (qualifier != null && qualifier.isBlank()) {
            throw malformed(expression, "empty brackets; write a group column, e.g. metric[sex]");
        }
        var key = new MetricKey(gate.group(1), qualifier == null ? null : qualifier.trim());
        catalog.problemWith(key).ifPresent(problem -> {
            throw malformed(expression, problem);
        });
        return new Gate(expression.trim(), key, Operator.fromSymbol(gate.group(3)),
                threshold(expression, gate.group(4)), severity);
    }

    /** The gates given as expressions: FAIL severity first, then WARN, in the order given. */
    public Policy policy(final List<String> failGates, final List<String> warnGates) {
        var parsed = new ArrayList<Gate>();
        failGates.forEach(expression -> parsed.add(parse(expression, Severity.FAIL)));
        warnGates.forEach(expression -> parsed.add(parse(expression, Severity.WARN)));
        return new Policy(parsed);
    }

    /**
     * A gate's result as a record kept it (expression, severity, outcome, message), without the
     * numbers: for writing a stored report to MLflow.
     */
    public GateResult restore(final String expression, final String severity, final String outcome,
            final String message) {
        return new GateResult(parse(expression, Severity.valueOf(severity)), Outcome.valueOf(outcome), null, null, null,
                message);
    }

    private static Threshold threshold(final String expression, final String text) {
        if (FIXED.matcher(text).matches()) {
            return new Threshold.Fixed(finite(expression, text));
        }
        Matcher baseline = BASELINE.matcher(text);
        if (!baseline.matches()) {
            throw malformed(expression, "the threshold '" + text
                    + "' is neither a number nor 'baseline', 'baseline + N', 'baseline - N', 'baseline * N'");
        }
        if (baseline.group(1) == null) {
            return new Threshold.BaselineOffset(0);
        }
        var number = finite(expression, baseline.group(2));
        return switch (baseline.group(1)) {
            case "+" -> new Threshold.BaselineOffset(number);
            case "-" -> new Threshold.BaselineOffset(-number);
            default -> {
                if (!(number > 0)) {
                    throw malformed(expression, "the factor of 'baseline * N' must be positive, got '"
                            + baseline.group(2) + "'");
                }
                yield new Threshold.BaselineFactor(number);
            }
        };
    }

    private static double finite(final String expression, final String text) {
        var scale = 1.0;
        var number = text;
        if (text.endsWith("%")) {
            scale = 0.01;
            number = text.substring(0, text.length() - 1);
        }
        else if (text.endsWith("ms")) {
            number = text.substring(0, text.length() - 2);
        }
        else if (text.endsWith("s")) {
            scale = 1000;
            number = text.substring(0, text.length() - 1);
        }
        var value = Double.parseDouble(number.strip()) * scale;
        if (!Double.isFinite(value)) {
            throw malformed(expression, "the number '" + text + "' is too large");
        }
        return value;
    }

    /**
     * Control characters other than tab and line breaks, invisible format characters such as
     * U+202E (which reorders what a reader sees), lone surrogates and the non-characters U+FFFE/F.
     */
    private static boolean isHidden(final int character) {
        var type = Character.getType(character);
        return type == Character.CONTROL && character != '\t' && character != '\n' && character != '\r'
                || type == Character.FORMAT || type == Character.SURROGATE || character == 0xFFFE
                || character == 0xFFFF;
    }

    /** The expression with its hidden characters spelled out, so the message shows where they are. */
    private static String visible(final String expression) {
        var text = new StringBuilder();
        expression.codePoints().forEach(character -> text.append(isHidden(character)
                ? String.format(Locale.ROOT, "\\u%04X", character) : Character.toString(character)));
        return text.toString();
    }

    /** The message quotes the expression, cut to {@value #SHOWN} characters: a message is one readable line. */
    private static InputException malformed(final String expression, final String why) {
        var text = expression.trim();
        return new InputException("malformed gate '%s': %s", SafeText.line(text, SHOWN), SafeText.line(why, SHOWN));
    }
}
