package io.mlcd.report;

import java.util.List;
import java.util.Locale;

/** What the inline SVG charts share: coordinate text and the [0, 1] tick marks. */
final class Svg {
    /** Ticks for an axis that runs from 0 to 1. */
    static final List<Double> UNIT_TICKS = List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);

    private Svg() {
    }

    /** A coordinate with one decimal: sub-pixel precision the eye cannot see only bloats the page. */
    static String px(final double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /**
     * Opens a root element that scales down with its container but never grows past its size. Inline
     * SVG in HTML needs no namespace declaration.
     */
    static Html open(final Html html, final double width, final double height, final String label) {
        return html.open("svg", "viewBox", "0 0 " + px(width) + " " + px(height),
                "width", px(width), "height", px(height), "role", "img", "aria-label", label);
    }

    /** Cuts a long label so the chart keeps its layout; callers put the full text in a tooltip. */
    static String shorten(final String label, final int max) {
        return label.length() <= max ? label : label.substring(0, max - 1) + "…";
    }
}
