package io.mlcd.gate;

/** The comparison of a gate: the metric value must stand in this relation to the threshold. */
public enum Operator {
    GREATER_OR_EQUAL(">="),
    GREATER(">"),
    LESS_OR_EQUAL("<="),
    LESS("<"),
    /** Only for metrics that are exact counts ({@link MetricCatalog#allowsEquality()}). */
    EQUAL("==");

    private final String symbol;

    Operator(final String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code value} satisfies the relation; NaN satisfies nothing. */
    public boolean holds(final double value, final double threshold) {
        return switch (this) {
            case GREATER_OR_EQUAL -> value >= threshold;
            case GREATER -> value > threshold;
            case LESS_OR_EQUAL -> value <= threshold;
            case LESS -> value < threshold;
            case EQUAL -> value == threshold;
        };
    }

    static Operator fromSymbol(final String symbol) {
        for (Operator operator : values()) {
            if (operator.symbol.equals(symbol)) {
                return operator;
            }
        }
        throw new IllegalArgumentException("no operator " + symbol);
    }
}
