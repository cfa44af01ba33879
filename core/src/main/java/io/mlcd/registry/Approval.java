package io.mlcd.registry;

import java.time.Instant;

/** A human decision on a model version, recorded as {@code mlcd.approval.*} tags. */
public record Approval(String name, String version, boolean approved, String by, Instant at, String comment) {
    public String status() {
        return approved ? "APPROVED" : "REJECTED";
    }
}
