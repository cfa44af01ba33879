package io.mlcd.validation;

import io.mlcd.util.InputException;
import java.util.Locale;

/** The kind of model whose predictions are validated; it decides which metrics exist. */
public enum Task {
    BINARY,
    MULTICLASS,
    REGRESSION;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The task a user named. */
    public static Task fromId(final String id) {
        for (Task task : values()) {
            if (task.id().equals(id)) {
                return task;
            }
        }
        throw new InputException("task must be binary, multiclass or regression, not '%s'", id);
    }
}
