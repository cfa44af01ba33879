package io.mlcd.robustness;

import io.mlcd.util.InputException;
import io.mlcd.util.Numbers;
import io.mlcd.util.SafeText;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One way of disturbing the rows, written as a spec: {@code noise:income:0.1},
 * {@code shift:income:0.5}, {@code swap:region}, {@code missing:income}, {@code missing:*},
 * {@code noise:*:0.1}, {@code all:0.05}. {@link #id()} is the canonical spec (numbers without
 * trailing zeros), the name gates use in brackets: {@code flip_rate[noise:income:0.1]}.
 */
public sealed interface Perturbation {
    /** Stands for every column the perturbation applies to. */
    String EVERY = "*";

    /** The canonical spec. */
    String id();

    /** The one column this perturbation changes, empty for {@code *} and {@code all}. */
    Optional<String> column();

    /** One line on what it does, for help and reports. */
    String describe();

    /**
     * Gaussian noise with standard deviation {@code level} times the column's spread (IQR, or MAD
     * when the IQR is 0), clipped to the 1st..99th percentile (a value already outside stays put).
     */
    record Noise(String target, double level) implements Perturbation {
        public Noise {
            positive("noise", level);
        }

        @Override
        public String id() {
            return "noise:" + target + ":" + number(level);
        }

        @Override
        public Optional<String> column() {
            return single(target);
        }

        @Override
        public String describe() {
            return "Gaussian noise of " + number(level) + " × spread on " + columns(target, "numeric");
        }
    }

    /** Every value moved by {@code level} times the spread, clipped to the 1st..99th percentile. */
    record Shift(String target, double level) implements Perturbation {
        public Shift {
            if (!Double.isFinite(level) || level == 0) {
                throw new InputException("shift: the level must be a non-zero number of spreads, got %s",
                        Numbers.format(level));
            }
        }

        @Override
        public String id() {
            return "shift:" + target + ":" + number(level);
        }

        @Override
        public Optional<String> column() {
            return single(target);
        }

        @Override
        public String describe() {
            return "shift by " + number(level) + " × spread of " + columns(target, "numeric");
        }
    }

    /** Every value replaced by another frequent value of the same column, drawn by frequency. */
    record Swap(String target) implements Perturbation {
        @Override
        public String id() {
            return "swap:" + target;
        }

        @Override
        public Optional<String> column() {
            return single(target);
        }

        @Override
        public String describe() {
            return "value swapped for another frequent value in " + columns(target, "categorical");
        }
    }

    /** Every value of the column missing; with {@code *}, one column chosen at random per row. */
    record Missing(String target) implements Perturbation {
        @Override
        public String id() {
            return "missing:" + target;
        }

        @Override
        public Optional<String> column() {
            return single(target);
        }

        @Override
        public String describe() {
            return EVERY.equals(target) ? "one column per row, chosen at random, set missing"
                    : "every value of column " + target + " set missing";
        }
    }

    /**
     * Every column at once at a small level: noise of {@code level} × spread on numeric columns,
     * and each categorical value swapped with probability {@code level}.
     */
    record All(double level) implements Perturbation {
        public All {
            positive("all", level);
            if (level > 1) {
                throw new InputException("all: the level is a probability and a number of spreads, at most 1, got %s",
                        Numbers.format(level));
            }
        }

        @Override
        public String id() {
            return "all:" + number(level);
        }

        @Override
        public Optional<String> column() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "noise of " + number(level) + " × spread on every numeric column and a swap with probability "
                    + number(level) + " on every categorical one";
        }
    }

    /**
     * Reads a spec. The column part is taken as written (column names may hold ':' only at the
     * end of a spec without a level); whether it exists is checked against the data later.
     */
    static Perturbation parse(final String spec) {
        var text = spec.strip();
        var colon = text.indexOf(':');
        if (colon < 0) {
            throw malformed(spec, "expected KIND:COLUMN[:LEVEL] or all:LEVEL");
        }
        var kind = text.substring(0, colon);
        var rest = text.substring(colon + 1);
        return switch (kind) {
            case "noise" -> new Noise(columnOf(spec, rest), levelOf(spec, rest));
            case "shift" -> new Shift(columnOf(spec, rest), levelOf(spec, rest));
            case "swap" -> new Swap(whole(spec, rest));
            case "missing" -> new Missing(whole(spec, rest));
            case "all" -> new All(level(spec, rest));
            default -> throw malformed(spec, "unknown kind '" + kind + "'; known: noise, shift, swap, missing, all");
        };
    }

    private static String columnOf(final String spec, final String rest) {
        var colon = rest.lastIndexOf(':');
        if (colon <= 0) {
            throw malformed(spec, "expected KIND:COLUMN:LEVEL, e.g. noise:income:0.1");
        }
        return rest.substring(0, colon);
    }

    private static double levelOf(final String spec, final String rest) {
        return level(spec, rest.substring(rest.lastIndexOf(':') + 1));
    }

    private static String whole(final String spec, final String rest) {
        if (rest.isEmpty()) {
            throw malformed(spec, "name a column or *");
        }
        return rest;
    }

    private static double level(final String spec, final String text) {
        var problem = Numbers.decimalProblem(text);
        if (problem.isPresent()) {
            throw malformed(spec, "the level " + problem.get());
        }
        return Double.parseDouble(text);
    }

    private static void positive(final String kind, final double level) {
        if (!(level > 0) || !Double.isFinite(level)) {
            throw new InputException("%s: the level must be a positive number of spreads, got %s", kind,
                    Numbers.format(level));
        }
    }

    private static InputException malformed(final String spec, final String why) {
        return new InputException("--perturb '%s': %s", SafeText.line(spec, 200), why);
    }

    /** A level as written in ids: {@code 0.1}, {@code 1}, {@code -0.5}. */
    private static String number(final double level) {
        return new BigDecimal(Double.toString(level)).stripTrailingZeros().toPlainString();
    }

    private static Optional<String> single(final String target) {
        return EVERY.equals(target) ? Optional.empty() : Optional.of(target);
    }

    private static String columns(final String target, final String type) {
        return EVERY.equals(target) ? "every " + type + " column" : "column " + target;
    }
}
