package io.mlcd.util;

/**
 * Receives progress of long reads. The engine calls it from the reading thread; implementations
 * decide whether and where to show it (the CLI throttles it to stderr).
 */
@FunctionalInterface
public interface Progress {
    /** Does nothing; for callers that do not show progress. */
    Progress NONE = (source, rows, fraction) -> { };

    /**
     * @param source   the file being read
     * @param rows     data rows read so far
     * @param fraction share of the file read, in [0, 1], or a negative number when unknown
     */
    void update(String source, long rows, double fraction);
}
