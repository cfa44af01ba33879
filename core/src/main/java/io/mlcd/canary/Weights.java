package io.mlcd.canary;

/** Traffic shares in percent: the canary's and the stable version's, summing to 100. */
public record Weights(int canary) {
    public Weights {
        if (canary < 0 || canary > 100) {
            throw new IllegalArgumentException("canary weight must be 0..100 percent, got " + canary);
        }
    }

    public int stable() {
        return 100 - canary;
    }

    @Override
    public String toString() {
        return "canary " + canary + "% / stable " + stable() + "%";
    }
}
