package io.mlcd.canary;

/** Splits live traffic between the stable version and the canary. */
public interface Router {
    /** Applies the weights without dropping requests in flight; a failure is a {@link RouterException}. */
    void apply(Weights weights);

    /** The weights in force now, as the router reports them. */
    Weights current();

    /**
     * What this router's weights belong to, spelled the same whoever names it (normalised): two
     * routers with the same key must not run two rollouts at once ({@link RolloutLock}). Shown in
     * messages, so it carries no user name or password.
     */
    String lockKey();
}
