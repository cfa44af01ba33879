package io.mlcd.registry;

import io.mlcd.util.InputException;

/** Looks up the version a command names, with one clear message when it does not exist. */
final class Versions {
    private Versions() {
    }

    static ModelVersion require(final Mlflow mlflow, final String name, final String version) {
        Names.checkModelName(name);
        if (!version.matches("[1-9]\\d{0,18}")) {
            throw new InputException("--version must be a version number such as 3, got '%s'", version);
        }
        return mlflow.registry().version(name, version).orElseThrow(() -> new InputException(
                "model '%s' has no version %s in the MLflow registry", name, version));
    }
}
