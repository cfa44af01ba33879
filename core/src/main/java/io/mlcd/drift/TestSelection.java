package io.mlcd.drift;

import java.util.HashSet;

/**
 * Chooses a column's test the way Evidently does by default, from n (reference values) and u
 * (distinct values in reference ∪ current): n ≤ 1000 — numeric: u ≤ 5 ? (u > 2 ? chisquare : z)
 * : ks; other: u > 2 ? chisquare : z. n > 1000 — numeric: u ≤ 5 ? jensenshannon : wasserstein;
 * other: jensenshannon. Note that the choice flips when the reference passes 1000 rows; pin a
 * test per column with {@code --column-test} where that matters.
 */
final class TestSelection {
    static final long SMALL = 1000;
    static final int FEW = 5;

    private TestSelection() {
    }

    static DriftTest choose(final ColumnProfile reference, final ColumnProfile current) {
        var distinct = distinct(reference, current);
        var small = reference.count() <= SMALL;
        if (reference.type() == ColumnType.NUMERIC) {
            if (distinct <= FEW) {
                return small ? (distinct > 2 ? DriftTest.CHISQUARE : DriftTest.Z) : DriftTest.JENSENSHANNON;
            }
            return small ? DriftTest.KS : DriftTest.WASSERSTEIN;
        }
        if (small) {
            return distinct > 2 ? DriftTest.CHISQUARE : DriftTest.Z;
        }
        return DriftTest.JENSENSHANNON;
    }

    /** Distinct values of both sides together; a number past any limit when a side lost count. */
    static long distinct(final ColumnProfile reference, final ColumnProfile current) {
        if (reference.type() == ColumnType.NUMERIC) {
            var ref = reference.numericProfile().orElseThrow().distinct();
            var cur = current.numericProfile().orElseThrow().distinct();
            if (ref.isEmpty() || cur.isEmpty()) {
                return Long.MAX_VALUE;
            }
            var union = new HashSet<>(ref.get().keySet());
            union.addAll(cur.get().keySet());
            return union.size();
        }
        var ref = reference.categoricalProfile().orElseThrow();
        var cur = current.categoricalProfile().orElseThrow();
        var union = new HashSet<>(ref.counts().keySet());
        union.addAll(cur.counts().keySet());
        return union.size() + (ref.other() > 0 || cur.other() > 0 ? 1 : 0);
    }
}
