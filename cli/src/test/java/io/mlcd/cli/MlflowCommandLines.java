package io.mlcd.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One command line for each way the CLI calls MLflow, with small input files of its own. */
final class MlflowCommandLines {
    private MlflowCommandLines() {
    }

    /** register, approve, promote, status, validate (predictions and --metrics-from-run) and drift, all recording to run r1 or model m. */
    static List<List<String>> all(final Path folder) throws java.io.IOException {
        var predictions = Files.writeString(folder.resolve("predictions.csv"), "label,score\n0,0.1\n1,0.8\n0,0.3\n1,0.6\n");
        var data = Files.writeString(folder.resolve("data.csv"), "age\n" + "31\n".repeat(50));
        return List.of(List.of("register", "--run-id", "r1", "--name", "m"),
                List.of("approve", "--name", "m", "--version", "1", "--by", "alice"),
                List.of("promote", "--name", "m", "--version", "1"),
                List.of("status", "--name", "m"),
                List.of("validate", "--predictions", predictions.toString(), "--score", "score", "--gate",
                        "roc_auc >= 0.5", "--run-id", "r1"),
                List.of("validate", "--metrics-from-run", "r1", "--gate", "roc_auc >= 0.5"),
                List.of("drift", "--reference", data.toString(), "--current", data.toString(), "--run-id", "r1"));
    }
}
