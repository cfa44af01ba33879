package io.mlcd.canary;

/** Splits live traffic between the stable version and the canary. */
public interface Router {
    /** Applies the weights without dropping requests in flight; a failure is a {@link RouterException}. */
    void apply(Weights weights);

    /** The weights in force now, as the router reports them. */
    Weights current();
}
