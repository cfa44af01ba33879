package io.mlcd.drift;

/**
 * Work done on every row while the {@link Profiler} reads a file, in the same pass, so a check
 * that needs the rows themselves (values outside a domain, duplicate keys) costs no second read.
 * The profiler may read a file in chunks on several threads: each chunk gets its own check, and
 * the checks are merged in file order. A check must therefore give the same result however the
 * file is cut into chunks.
 *
 * @param <C> the check's own type, which it merges with
 */
public interface RowCheck<C extends RowCheck<C>> {
    /** Looks at one row; the row is valid only during the call. */
    void accept(ProfiledRow row);

    /** Adds what {@code next}, the check of the rows right after this one's, found. */
    void merge(C next);
}
