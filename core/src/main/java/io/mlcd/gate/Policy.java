package io.mlcd.gate;

import java.util.List;

/** The gates of a step, in the order they are reported. */
public record Policy(List<Gate> gates) {
    public Policy {
        gates = List.copyOf(gates);
    }

    /** This policy followed by the other's gates. */
    public Policy plus(final Policy other) {
        var all = new java.util.ArrayList<>(gates);
        all.addAll(other.gates);
        return new Policy(all);
    }
}
