package io.mlcd.util;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Durations as people write them: 500ms, 30s, 5m, 1h; a bare number is seconds (as in Argo Rollouts).
 * Anything longer than {@link #LONGEST} is refused, since no wait of mlcd should outlast a year;
 * callers check their own, tighter ranges.
 */
public final class Durations {
    public static final Duration LONGEST = Duration.ofDays(365);
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    public static Duration parse(final String option, final String text) {
        var matcher = DURATION.matcher(text.strip());
        if (!matcher.matches()) {
            throw new InputException("%s expects a duration such as 30s, 5m or 500ms, got '%s'", option, text);
        }
        var amount = Double.parseDouble(matcher.group(1));
        var unit = matcher.group(2) == null ? "s" : matcher.group(2);
        var millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
        };
        if (!(millis <= LONGEST.toMillis())) {
            throw new InputException("%s: '%s' is longer than a year", option, text);
        }
        return Duration.ofMillis(Math.round(millis));
    }
}
