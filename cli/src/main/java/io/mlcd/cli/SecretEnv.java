package io.mlcd.cli;

import io.mlcd.util.InputException;

/** A secret named by the environment variable that holds it: secrets never come from the command line. */
final class SecretEnv {
    private SecretEnv() {
    }

    static String read(final String option, final String variable) {
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InputException("%s takes the name of an environment variable, e.g. MLFLOW_WEBHOOK_SECRET, "
                    + "not the secret itself", option);
        }
        var value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw new InputException("%s: the environment variable %s is not set or empty", option, variable);
        }
        return value;
    }
}
