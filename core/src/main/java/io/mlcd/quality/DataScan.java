package io.mlcd.quality;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.data.CharSlice;
import io.mlcd.drift.ProfiledRow;
import io.mlcd.drift.RowCheck;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * The row check of data validation: in the profiling pass it counts, exactly, the values each
 * {@link ScanRule} is about, and keeps the first {@value #EXAMPLES} of them in file order.
 * Duplicates are found by a 64-bit hash per value or key in a {@link LongHashSet}: numbers hash
 * by a bijection of their bits (no collision possible), text by MurmurHash3, so two different
 * values of n distinct ones collide with probability about n²/2⁶⁵ (10⁻⁷ for a million).
 */
public final class DataScan implements RowCheck<DataScan> {
    /** Examples kept per rule. */
    public static final int EXAMPLES = 5;

    private final List<Probe> probes;
    private long rows;

    private DataScan(final List<Probe> probes) {
        this.probes = probes;
    }

    /** Makes a scan for a file's header; the scans of several files (or chunks) merge in file order. */
    public static Scans of(final List<ScanRule> rules) {
        return new Scans(rules);
    }

    /**
     * The scans of a schema's rules, as a serializable factory: a distributed pass ships it to the
     * machines that scan the parts of a batch.
     */
    public static final class Scans implements Function<List<String>, DataScan>, Serializable {
        private static final long serialVersionUID = 1L;
        private final List<ScanRule> rules;

        Scans(final List<ScanRule> rules) {
            this.rules = List.copyOf(rules);
        }

        @Override
        public DataScan apply(final List<String> header) {
            return scan(rules, header);
        }
    }

    private static DataScan scan(final List<ScanRule> rules, final List<String> header) {
        var index = new HashMap<String, Integer>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        var probes = new ArrayList<Probe>();
        for (ScanRule rule : rules) {
            var columns = rule.columns().stream().mapToInt(name -> index.getOrDefault(name, -1)).toArray();
            probes.add(Arrays.stream(columns).anyMatch(column -> column < 0) ? new Absent(rule) : probe(rule, columns));
        }
        return new DataScan(probes);
    }

    private static Probe probe(final ScanRule rule, final int[] columns) {
        if (rule instanceof ScanRule.Unparseable) {
            return new Counting(rule, (row, slice) -> row.isUnparseable(columns[0]), columns[0], false);
        }
        if (rule instanceof ScanRule.Outside outside) {
            return new Counting(rule, (row, slice) -> !(row.number(columns[0]) >= outside.min()
                    && row.number(columns[0]) <= outside.max()), columns[0], true);
        }
        if (rule instanceof ScanRule.NotIn notIn) {
            return new Counting(rule, (row, slice) -> !notIn.values().contains(notIn.lowerCase()
                    ? slice.toString().toLowerCase(Locale.ROOT) : slice.toString()), columns[0], true);
        }
        if (rule instanceof ScanRule.LengthOutside length) {
            return new Counting(rule, (row, slice) -> {
                var points = Character.codePointCount(slice.array(), slice.offset(), slice.length());
                return points < length.min() || points > length.max();
            }, columns[0], true);
        }
        if (rule instanceof ScanRule.NoMatch noMatch) {
            var matcher = noMatch.regex().matcher("");
            return new Counting(rule, (row, slice) -> !matcher.reset(slice).find(), columns[0], true);
        }
        if (rule instanceof ScanRule.Repeats repeats) {
            return new Repeating(repeats, columns);
        }
        var bins = (ScanRule.Bins) rule;
        return new Binning(bins, columns[0]);
    }

    @Override
    public void accept(final ProfiledRow row) {
        for (Probe probe : probes) {
            probe.accept(row, rows);
        }
        rows++;
    }

    @Override
    public void merge(final DataScan next) {
        if (next.probes.size() != probes.size()) {
            throw new IllegalArgumentException("scans of different rules cannot merge");
        }
        for (int i = 0; i < probes.size(); i++) {
            probes.get(i).merge(next.probes.get(i), rows);
        }
        rows += next.rows;
    }

    /** Rows seen. */
    public long rows() {
        return rows;
    }

    /**
     * What this scan counted, as plain serializable values: a distributed pass sends the scans of
     * its parts to be merged elsewhere, where {@link #restore} turns them into scans again.
     */
    public Snapshot snapshot() {
        var states = new ArrayList<Serializable>();
        probes.forEach(probe -> states.add(probe.state()));
        return new Snapshot(rows, states);
    }

    /**
     * Takes over what a snapshot holds; this scan must be fresh, made by the same factory for the
     * same header as the scan of the snapshot.
     */
    public DataScan restore(final Snapshot snapshot) {
        if (rows != 0 || snapshot.states.size() != probes.size()) {
            throw new IllegalArgumentException("a snapshot restores a fresh scan of the same rules");
        }
        for (int i = 0; i < probes.size(); i++) {
            probes.get(i).restore(snapshot.states.get(i));
        }
        rows = snapshot.rows;
        return this;
    }

    /** A scan's counts and examples, rule by rule, in a form Java serialization ships. */
    public static final class Snapshot implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long rows;
        private final ArrayList<Serializable> states;

        Snapshot(final long rows, final List<Serializable> states) {
            this.rows = rows;
            this.states = new ArrayList<>(states);
        }
    }

    /** What the rule counted; empty when the batch lacks a column the rule reads. */
    public Optional<Tally> tally(final String id) {
        return probes.stream().filter(probe -> probe.rule().id().equals(id)).findFirst().flatMap(Probe::tally);
    }

    /**
     * What one rule counted.
     *
     * @param count    values (or rows, for repeats) that broke the rule
     * @param examples the first of them, in file order, as written
     * @param bins     counts per bin for {@link ScanRule.Bins}, else empty
     */
    public record Tally(long count, List<String> examples, long[] bins) {
        public Tally {
            examples = List.copyOf(examples);
            bins = bins.clone();
        }
    }

    /** The counting state of one rule in one scan. */
    private interface Probe {
        ScanRule rule();

        /** @param ordinal the row's position in this scan, from 0 */
        void accept(ProfiledRow row, long ordinal);

        /** @param rows rows this scan had seen before {@code next}'s */
        void merge(Probe next, long rows);

        Optional<Tally> tally();

        /** What the probe counted, for a {@link Snapshot}; null when it counts nothing. */
        @CheckForNull
        Serializable state();

        /** Takes over a state from {@link #state()} of a probe of the same rule. */
        void restore(@CheckForNull Serializable state);
    }

    /** A rule on a column the batch does not have. */
    private record Absent(ScanRule rule) implements Probe {
        @Override
        public void accept(final ProfiledRow row, final long ordinal) {
            // nothing to look at
        }

        @Override
        public void merge(final Probe next, final long rows) {
            // nothing counted
        }

        @Override
        public Optional<Tally> tally() {
            return Optional.empty();
        }

        @Override
        public Serializable state() {
            return null;
        }

        @Override
        public void restore(final Serializable state) {
            // nothing counted
        }
    }

    /** Whether one value breaks a rule. */
    @FunctionalInterface
    private interface Breaks {
        boolean test(ProfiledRow row, CharSlice text);
    }

    /** Counts values that break a rule, with the first few. */
    private static final class Counting implements Probe {
        private final ScanRule rule;
        private final Breaks breaks;
        private final int column;
        private final boolean readableOnly;
        private final List<String> examples = new ArrayList<>(EXAMPLES);
        private long count;

        Counting(final ScanRule rule, final Breaks breaks, final int column, final boolean readableOnly) {
            this.rule = rule;
            this.breaks = breaks;
            this.column = column;
            this.readableOnly = readableOnly;
        }

        @Override
        public ScanRule rule() {
            return rule;
        }

        @Override
        public void accept(final ProfiledRow row, final long ordinal) {
            if (readableOnly && row.isMissing(column)) {
                return;
            }
            var text = row.text(column);
            if (breaks.test(row, text)) {
                if (count++ < EXAMPLES) {
                    examples.add(text.toString());
                }
            }
        }

        @Override
        public void merge(final Probe next, final long rows) {
            var other = (Counting) next;
            for (String example : other.examples) {
                if (examples.size() < EXAMPLES) {
                    examples.add(example);
                }
            }
            count += other.count;
        }

        @Override
        public Optional<Tally> tally() {
            return Optional.of(new Tally(count, examples, new long[0]));
        }

        @Override
        public Serializable state() {
            return new Counted(count, new ArrayList<>(examples));
        }

        @Override
        public void restore(final Serializable state) {
            var counted = (Counted) state;
            count = counted.count();
            examples.addAll(counted.examples());
        }
    }

    /** The state of a {@link Counting} probe. */
    private record Counted(long count, ArrayList<String> examples) implements Serializable {
    }

    /** Counts readable numbers per bin. */
    private static final class Binning implements Probe {
        private final ScanRule.Bins rule;
        private final int column;
        private final long[] counts;

        Binning(final ScanRule.Bins rule, final int column) {
            this.rule = rule;
            this.column = column;
            this.counts = new long[rule.edges().length + 1];
        }

        @Override
        public ScanRule rule() {
            return rule;
        }

        @Override
        public void accept(final ProfiledRow row, final long ordinal) {
            if (row.isMissing(column)) {
                return;
            }
            counts[bin(rule.edges(), row.number(column))]++;
        }

        /** The index of the first edge at or above x (the bins are closed on the right). */
        static int bin(final double[] edges, final double x) {
            int low = 0;
            int high = edges.length;
            while (low < high) {
                var middle = (low + high) >>> 1;
                if (edges[middle] < x) {
                    low = middle + 1;
                }
                else {
                    high = middle;
                }
            }
            return low;
        }

        @Override
        public void merge(final Probe next, final long rows) {
            var other = (Binning) next;
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
        }

        @Override
        public Optional<Tally> tally() {
            return Optional.of(new Tally(0, List.of(), counts));
        }

        @Override
        public Serializable state() {
            return counts.clone();
        }

        @Override
        public void restore(final Serializable state) {
            var binned = (long[]) state;
            System.arraycopy(binned, 0, counts, 0, counts.length);
        }
    }

    /**
     * Counts rows whose value or key occurred before. Besides the set of hashes it keeps the first
     * {@value #REMEMBERED} distinct values of its rows with their text and position, so that when
     * a later chunk merges in, the rows of that chunk whose value this chunk already had can be
     * shown as examples in file order; the count stays exact in every case.
     */
    private static final class Repeating implements Probe {
        static final int REMEMBERED = 1024;
        private static final long SEED = 0x6d6c6364L;

        private final ScanRule.Repeats rule;
        private final int[] columns;
        private final long[] parts;
        private final LongHashSet seen = new LongHashSet();
        private final List<Seen> examples = new ArrayList<>(EXAMPLES);
        private final List<Seen> firsts = new ArrayList<>();
        private boolean firstsComplete = true;
        private long count;

        Repeating(final ScanRule.Repeats rule, final int[] columns) {
            this.rule = rule;
            this.columns = columns;
            this.parts = new long[2 * columns.length];
        }

        /** A value or key at a position in the scan. */
        private record Seen(long hash, String text, long ordinal) implements Serializable {
        }

        @Override
        public ScanRule rule() {
            return rule;
        }

        @Override
        public void accept(final ProfiledRow row, final long ordinal) {
            long hash;
            if (columns.length == 1) {
                var column = columns[0];
                if (row.isMissing(column)) {
                    return;
                }
                hash = switch (rule.kind()) {
                    case NUMBER -> LongHashSet.spread(Double.doubleToLongBits(row.number(column)));
                    case BOOLEAN -> Character.toLowerCase(row.text(column).charAt(0)) == 't' ? 1 : 2;
                    case TEXT -> textHash(row.text(column))[0];
                };
            }
            else {
                for (int i = 0; i < columns.length; i++) {
                    if (row.isMissing(columns[i]) && !row.isUnparseable(columns[i])) {
                        return;
                    }
                    var h = textHash(row.text(columns[i]));
                    parts[2 * i] = h[0];
                    parts[2 * i + 1] = h[1];
                }
                hash = MurmurHash3.hash(parts, SEED)[0];
            }
            if (seen.add(hash)) {
                if (firsts.size() < REMEMBERED) {
                    firsts.add(new Seen(hash, text(row), ordinal));
                }
                else {
                    firstsComplete = false;
                }
            }
            else if (count++ < EXAMPLES) {
                examples.add(new Seen(hash, text(row), ordinal));
            }
        }

        private static long[] textHash(final CharSlice text) {
            return MurmurHash3.hash(text.array(), text.offset(), text.length(), SEED);
        }

        private String text(final ProfiledRow row) {
            if (columns.length == 1) {
                return row.text(columns[0]).toString();
            }
            var key = new StringBuilder("(");
            for (int i = 0; i < columns.length; i++) {
                key.append(i == 0 ? "" : ", ").append(row.text(columns[i]));
            }
            return key.append(')').toString();
        }

        @Override
        public void merge(final Probe next, final long rows) {
            var other = (Repeating) next;
            // the next chunk's first occurrences of values this chunk had are repeats now
            var known = new ArrayList<Seen>();
            for (Seen first : other.firsts) {
                if (seen.contains(first.hash())) {
                    known.add(first);
                }
            }
            var crossing = new long[1];
            other.seen.forEach(hash -> {
                if (!seen.add(hash)) {
                    crossing[0]++;
                }
            });
            if (examples.size() < EXAMPLES) {
                var candidates = new ArrayList<>(other.examples);
                candidates.addAll(known);
                candidates.sort(Comparator.comparingLong(Seen::ordinal));
                // a crossing repeat the next chunk did not remember lies after all it remembered
                var allKnown = known.size() == crossing[0];
                var horizon = allKnown || other.firsts.isEmpty() ? Long.MAX_VALUE
                        : other.firsts.get(other.firsts.size() - 1).ordinal();
                for (Seen candidate : candidates) {
                    if (examples.size() < EXAMPLES && candidate.ordinal() <= horizon) {
                        examples.add(new Seen(candidate.hash(), candidate.text(), candidate.ordinal() + rows));
                    }
                }
            }
            for (Seen first : other.firsts) {
                if (firsts.size() < REMEMBERED && firstsComplete && !containsHash(first.hash())) {
                    firsts.add(new Seen(first.hash(), first.text(), first.ordinal() + rows));
                }
            }
            firstsComplete &= other.firstsComplete && firsts.size() < REMEMBERED;
            count += other.count + crossing[0];
        }

        private boolean containsHash(final long hash) {
            return firsts.stream().anyMatch(first -> first.hash() == hash);
        }

        @Override
        public Optional<Tally> tally() {
            return Optional.of(new Tally(count, examples.stream().map(Seen::text).toList(), new long[0]));
        }

        @Override
        public Serializable state() {
            var hashes = new long[seen.size()];
            var next = new int[1];
            seen.forEach(hash -> hashes[next[0]++] = hash);
            return new Repeated(hashes, new ArrayList<>(examples), new ArrayList<>(firsts), firstsComplete, count);
        }

        @Override
        public void restore(final Serializable state) {
            var repeated = (Repeated) state;
            for (long hash : repeated.seen()) {
                seen.add(hash);
            }
            examples.addAll(repeated.examples());
            firsts.addAll(repeated.firsts());
            firstsComplete = repeated.firstsComplete();
            count = repeated.count();
        }

        /** The state of a {@link Repeating} probe. */
        private record Repeated(long[] seen, ArrayList<Seen> examples, ArrayList<Seen> firsts, boolean firstsComplete,
                long count) implements Serializable {
        }
    }
}
