package io.mlcd.scoring;

import java.util.Arrays;
import java.util.List;

/**
 * What a model answered, one entry per row in row order: numbers (a score, a class coded as a
 * number, or a regression value), texts (class names), or vectors of numbers (class
 * probabilities, as predict_proba gives them). Immutable.
 */
public final class Predictions {
    private enum Kind { NUMBERS, TEXTS, VECTORS }

    private final Kind kind;
    private final double[] numbers;
    private final String[] texts;
    private final double[][] vectors;
    private final int scoreIndex;

    private Predictions(final Kind kind, final double[] numbers, final String[] texts, final double[][] vectors,
            final int scoreIndex) {
        this.kind = kind;
        this.numbers = numbers;
        this.texts = texts;
        this.vectors = vectors;
        this.scoreIndex = scoreIndex;
    }

    /** Number answers; NaN = the model answered null. */
    public static Predictions ofNumbers(final double[] values) {
        return new Predictions(Kind.NUMBERS, values.clone(), null, null, 0);
    }

    /** Text answers; null = the model answered null. */
    public static Predictions ofTexts(final String[] values) {
        return new Predictions(Kind.TEXTS, null, values.clone(), null, 0);
    }

    /**
     * Vector answers, all of one length; the score is component {@code scoreIndex}, or the last
     * one for {@link AnswerFormat#LAST}.
     */
    public static Predictions ofVectors(final double[][] values, final int scoreIndex) {
        var length = values.length == 0 ? 0 : values[0].length;
        for (double[] value : values) {
            if (value.length != length) {
                throw new IllegalArgumentException("vectors of lengths " + length + " and " + value.length);
            }
        }
        if (values.length > 0 && (length == 0 || scoreIndex >= length)) {
            throw new IllegalArgumentException("score index " + scoreIndex + " of vectors of " + length);
        }
        var copy = new double[values.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = values[i].clone();
        }
        return new Predictions(Kind.VECTORS, null, null, copy, scoreIndex == AnswerFormat.LAST ? length - 1
                : scoreIndex);
    }

    /**
     * The answers of consecutive batches as one: numbers and texts together are texts (numbers
     * rendered as labels); vectors only join vectors of the same length.
     */
    public static Predictions concat(final List<Predictions> parts) {
        if (parts.isEmpty()) {
            return ofNumbers(new double[0]);
        }
        var kinds = parts.stream().map(part -> part.kind).distinct().toList();
        if (kinds.contains(Kind.VECTORS) && kinds.size() > 1) {
            throw new IllegalArgumentException("vectors mixed with single values");
        }
        var size = parts.stream().mapToInt(Predictions::size).sum();
        if (kinds.equals(List.of(Kind.NUMBERS))) {
            var all = new double[size];
            int at = 0;
            for (Predictions part : parts) {
                System.arraycopy(part.numbers, 0, all, at, part.size());
                at += part.size();
            }
            return new Predictions(Kind.NUMBERS, all, null, null, 0);
        }
        if (kinds.equals(List.of(Kind.VECTORS))) {
            var all = new double[size][];
            int at = 0;
            for (Predictions part : parts) {
                System.arraycopy(part.vectors, 0, all, at, part.size());
                at += part.size();
            }
            return ofVectors(all, parts.get(0).scoreIndex);
        }
        var all = new String[size];
        int at = 0;
        for (Predictions part : parts) {
            for (int row = 0; row < part.size(); row++) {
                all[at++] = part.label(row);
            }
        }
        return new Predictions(Kind.TEXTS, null, all, null, 0);
    }

    public int size() {
        return switch (kind) {
            case NUMBERS -> numbers.length;
            case TEXTS -> texts.length;
            default -> vectors.length;
        };
    }

    /** Whether there is a number per row: number or vector answers (not texts). */
    public boolean hasScores() {
        return kind != Kind.TEXTS;
    }

    /**
     * A number answer, or a vector answer's score component; NaN where the model answered null.
     *
     * @throws IllegalStateException for text answers ({@link #hasScores()} is false)
     */
    public double score(final int row) {
        return switch (kind) {
            case NUMBERS -> numbers[row];
            case VECTORS -> vectors[row][scoreIndex];
            default -> throw new IllegalStateException("the model answered texts, not numbers");
        };
    }

    /**
     * A text answer; a number answer as the CLI renders labels ({@code 1.0} is {@code 1}); for a
     * vector answer, the index of its largest component (the first of equal ones; a null
     * component never wins). Null where the model answered null.
     */
    public String label(final int row) {
        return switch (kind) {
            case TEXTS -> texts[row];
            case NUMBERS -> Double.isNaN(numbers[row]) ? null : Frame.render(numbers[row], false);
            default -> Integer.toString(argmax(vectors[row]));
        };
    }

    public boolean isVector() {
        return kind == Kind.VECTORS;
    }

    /** A vector answer (a copy). */
    public double[] vector(final int row) {
        if (kind != Kind.VECTORS) {
            throw new IllegalStateException("the model answered single values, not vectors");
        }
        return vectors[row].clone();
    }

    /** The length of the vector answers; 0 for single values. */
    public int vectorLength() {
        return kind == Kind.VECTORS && vectors.length > 0 ? vectors[0].length : 0;
    }

    private static int argmax(final double[] vector) {
        int best = 0;
        for (int i = 1; i < vector.length; i++) {
            if (vector[i] > vector[best] || Double.isNaN(vector[best]) && !Double.isNaN(vector[i])) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "Predictions of " + size() + " rows (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")"
                + (kind == Kind.VECTORS && size() > 0 ? ", first " + Arrays.toString(vectors[0]) : "");
    }
}
