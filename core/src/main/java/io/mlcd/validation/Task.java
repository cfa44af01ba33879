package io.mlcd.validation;

import java.util.Locale;

/** The kind of model whose predictions are validated; it decides which metrics exist. */
public enum Task {
    BINARY,
    MULTICLASS,
    REGRESSION;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
