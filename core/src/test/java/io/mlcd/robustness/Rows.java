package io.mlcd.robustness;

import io.mlcd.scoring.Frame;
import io.mlcd.scoring.Predictions;
import io.mlcd.scoring.Scorer;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/** Test rows and in-process models whose answers the tests can work out by hand. */
final class Rows {
    static final String[] REGIONS = {"north", "north", "south", "east", "west"};

    private Rows() {
    }

    /**
     * n rows: x and z run through 0.125, 0.375, … (0.25 apart) in two different orders, so both
     * have IQR n/8 and no ties; region is north in 2 of 5 rows, else south, east, west.
     */
    static Frame of(final int n) {
        var x = new double[n];
        var z = new double[n];
        var region = new String[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i * 37L % n) * 0.25 + 0.125;
            z[i] = (i * 91L % n) * 0.25 + 0.125;
            region[i] = REGIONS[i % REGIONS.length];
        }
        return Frame.of(List.of("x", "z", "region"), Arrays.asList(x, z, null), Arrays.asList(null, null, region));
    }

    /** A model answering one number per row, computed from the frame and row. */
    static Scorer numbers(final ToDoubleBiFunction<Frame, Integer> model) {
        return new Scorer() {
            @Override
            public Predictions score(final Frame rows) {
                var values = new double[rows.rows()];
                for (int r = 0; r < values.length; r++) {
                    values[r] = model.applyAsDouble(rows, r);
                }
                return Predictions.ofNumbers(values);
            }

            @Override
            public void close() {
            }
        };
    }

    /** predict_proba of a binary model: [1 - p, p]. */
    static Scorer probabilities(final ToDoubleBiFunction<Frame, Integer> model) {
        return new Scorer() {
            @Override
            public Predictions score(final Frame rows) {
                var values = new double[rows.rows()][];
                for (int r = 0; r < values.length; r++) {
                    var p = model.applyAsDouble(rows, r);
                    values[r] = new double[] {1 - p, p};
                }
                return Predictions.ofVectors(values, io.mlcd.scoring.AnswerFormat.LAST);
            }

            @Override
            public void close() {
            }
        };
    }

    /** Sharp in x: 0.9 above 50, else 0.1 (a missing x counts as not above). */
    static double step(final Frame rows, final int r) {
        return rows.number(0, r) > 50 ? 0.9 : 0.1;
    }
}
