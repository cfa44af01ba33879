package io.mlcd.util;

/** Binary searches in ascending double arrays, counting values below or at a key. */
public final class SortedSearch {
    private SortedSearch() {
    }

    /** The number of values less than the key: the index of the first value not less than it. */
    public static int lowerBound(final double[] sorted, final double key) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            var mid = (low + high) >>> 1;
            if (sorted[mid] < key) {
                low = mid + 1;
            }
            else {
                high = mid;
            }
        }
        return low;
    }

    /** The number of values at or below the key: the index of the first value greater than it. */
    public static int upperBound(final double[] sorted, final double key) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            var mid = (low + high) >>> 1;
            if (sorted[mid] <= key) {
                low = mid + 1;
            }
            else {
                high = mid;
            }
        }
        return low;
    }
}
