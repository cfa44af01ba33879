package io.mlcd.drift;

/**
 * The texts that mean "no value", the same set pandas' read_csv treats as NaN by default, so
 * that mlcd and a pandas-based tool count the same missing values in the same file.
 */
public final class MissingValues {
    private static final String[] MARKERS = {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN",
            "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"};
    private static final int LONGEST = 8;
    /** The first characters of the markers. */
    private static final String FIRST = "#-1<Nn";

    private MissingValues() {
    }

    public static boolean isMissing(final CharSequence text) {
        var length = text.length();
        if (length == 0) {
            return true;
        }
        if (length > LONGEST || FIRST.indexOf(text.charAt(0)) < 0) {
            return false; // most values: no marker starts with their first character
        }
        for (String marker : MARKERS) {
            if (marker.length() == length && marker.contentEquals(text)) {
                return true; // compared in place: no String made per value
            }
        }
        return false;
    }

    /** pandas reads inf, -inf and Infinity (any case) as numbers; a numeric column counts them as missing. */
    public static boolean isInfinity(final CharSequence text) {
        if (text.length() < 3 || text.length() > 9) {
            return false;
        }
        var value = text.toString().toLowerCase(java.util.Locale.ROOT);
        var unsigned = value.startsWith("-") || value.startsWith("+") ? value.substring(1) : value;
        return unsigned.equals("inf") || unsigned.equals("infinity");
    }
}
