package io.mlcd.gate;

/** What falling short of a gate does to the verdict: FAIL fails it, WARN makes it a warning. */
public enum Severity {
    FAIL,
    WARN
}
