package io.mlcd.quality;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One thing {@link DataScan} counts on the raw rows, named by {@code id} (the constraint's name)
 * for looking its {@link DataScan.Tally} up. A value is <em>readable</em> when the profiler did not
 * count it missing: present and, in a numeric or boolean column, of that type. Rules are
 * serializable, so that a distributed pass can ship them to the machines that scan a batch's parts.
 */
sealed interface ScanRule extends Serializable {
    String id();

    /** The columns it reads, by name; a rule whose column the batch lacks counts nothing. */
    List<String> columns();

    /** Values present but not of the column's type (type_mismatch). */
    record Unparseable(String id, String column) implements ScanRule {
        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /** Readable numbers outside [min, max] (range, between, non_negative). */
    record Outside(String id, String column, double min, double max) implements ScanRule {
        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /** Readable values not in the set; {@code lowerCase} compares the value's lower case (booleans). */
    record NotIn(String id, String column, Set<String> values, boolean lowerCase) implements ScanRule {
        public NotIn {
            values = Set.copyOf(values);
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /** Readable values whose length in code points (Python's len) is outside [min, max]. */
    record LengthOutside(String id, String column, long min, long max) implements ScanRule {
        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /** Readable values in which the expression finds no match. */
    record NoMatch(String id, String column, Pattern regex) implements ScanRule {
        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }

    /**
     * Rows whose value (one column) or key (several columns, compared as text) occurred in an
     * earlier row. One column: readable values only, numbers compared as numbers ({@code 1} and
     * {@code 1.0} are one value, as in pandas). Several: rows with a key column missing are skipped.
     */
    record Repeats(String id, List<String> columns, Kind kind) implements ScanRule {
        public Repeats {
            columns = List.copyOf(columns);
        }

        /** How one column's values compare; a key of several columns compares as text. */
        enum Kind {
            NUMBER,
            TEXT,
            BOOLEAN
        }
    }

    /**
     * Readable numbers counted in the bins (−∞, e₁], (e₁, e₂], …, (eₙ, +∞) of the reference's
     * deciles, so the batch's side of a skew is exact.
     */
    record Bins(String id, String column, double[] edges) implements ScanRule {
        public Bins {
            edges = edges.clone();
        }

        @Override
        public List<String> columns() {
            return List.of(column);
        }
    }
}
