package io.mlcd.cli;

import io.mlcd.util.InputException;
import io.mlcd.util.Numbers;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked before any work, beyond what their types say. Numbers typed on the
 * command line are read the one way of {@link Numbers} (no {@code NaN}, {@code 0x10},
 * {@code 0.7f}, Unicode digits…), through the converters {@link #strictNumbers} installs in place
 * of picocli's, which call {@code Double.valueOf} and {@code Integer.valueOf}.
 */
final class OptionValues {
    private OptionValues() {
    }

    /** Replaces picocli's converters for every number type an option can have. */
    static CommandLine strictNumbers(final CommandLine commandLine) {
        ITypeConverter<Double> decimal = text -> {
            Numbers.decimalProblem(text).ifPresent(OptionValues::refuse);
            return Double.valueOf(text);
        };
        ITypeConverter<Long> whole = text -> {
            Numbers.wholeProblem(text).ifPresent(OptionValues::refuse);
            return Long.valueOf(text);
        };
        ITypeConverter<Integer> integer = text -> {
            var value = whole.convert(text);
            if (value != value.intValue()) {
                refuse(text + " is too large");
            }
            return value.intValue();
        };
        return commandLine.registerConverter(Double.class, decimal).registerConverter(Double.TYPE, decimal)
                .registerConverter(Long.class, whole).registerConverter(Long.TYPE, whole)
                .registerConverter(Integer.class, integer).registerConverter(Integer.TYPE, integer);
    }

    private static void refuse(final String problem) {
        throw new TypeConversionException(problem);
    }

    /** A whole number within [low, high]. */
    static void within(final String option, final long value, final long low, final long high) {
        if (value < low || value > high) {
            throw new InputException("%s must be between %d and %d, got %d", option, low, high, value);
        }
    }
}
