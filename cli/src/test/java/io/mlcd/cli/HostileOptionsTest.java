package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Hostile option values and configuration files, command by command: each one ends with exit
 * status 2 and one line on stderr (plus picocli's "Try --help" for usage errors) before any data
 * is read or anything is written; the working folder holds the same files afterwards.
 * None needs a server: where MLflow is named, it is an address nothing listens on, so a check that
 * came too late would show up as a connection error instead of the expected message.
 */
public class HostileOptionsTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path root;
    private Path predictions;
    private Path reference;
    private Path current;
    private Path profile;
    private String nowhere;

    @Before
    public void createData() throws IOException {
        root = folder.getRoot().toPath();
        var random = new Random(7);
        var rows = new StringBuilder("label,score,sex\n");
        for (int i = 0; i < 200; i++) {
            var label = i % 2;
            rows.append(label).append(',').append(Math.min(1, 0.3 * label + 0.7 * random.nextDouble())).append(',')
                    .append(i % 3 == 0 ? "F" : "M").append('\n');
        }
        predictions = write("p.csv", rows.toString());
        reference = write("ref.csv", column(random, 40));
        current = write("cur.csv", column(random, 55));
        profile = root.resolve("ref.json");
        assertThat(CliRun.of("profile", reference.toString(), "-o", profile.toString()).status()).isZero();
        try (var socket = new ServerSocket(0)) {
            nowhere = "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static String column(final Random random, final double mean) {
        var rows = new StringBuilder("age\n");
        for (int i = 0; i < 500; i++) {
            rows.append(String.format(java.util.Locale.ROOT, "%.2f", mean + 10 * random.nextGaussian())).append('\n');
        }
        return rows.toString();
    }

    private Path write(final String name, final String content) throws IOException {
        var file = root.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private List<String> tree() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(root::relativize).map(Path::toString).sorted().toList();
        }
    }

    /** Runs the command line and checks exit 2, the message, and that nothing was written. */
    private void assertRefused(final String message, final String... args) throws IOException {
        var before = tree();
        var run = CliRun.of(args);
        assertThat(run.status()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        var lines = run.err().lines().toList();
        assertThat(lines.get(0)).as(String.join(" ", args)).isEqualTo("mlcd: error: " + message);
        assertThat(lines.subList(1, lines.size())).as("only picocli's hint may follow").allMatch(line ->
                line.startsWith("Try 'mlcd "));
        assertThat(tree()).as("files after " + String.join(" ", args)).isEqualTo(before);
    }

    private String[] validate(final String... more) {
        var args = new ArrayList<>(List.of("validate", "--predictions", predictions.toString(), "--score", "score",
                "--report-dir", root.resolve("out").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private String[] drift(final String... more) {
        var args = new ArrayList<>(List.of("drift", "--reference", reference.toString(), "--current",
                current.toString(), "--report-dir", root.resolve("out").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private String[] canary(final String... more) {
        var args = new ArrayList<>(List.of("canary", "--haproxy-runtime", "127.0.0.1:1", "--gate",
                "error_rate <= baseline + 1%", "--report-dir", root.resolve("out").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    private static String notANumber(final String option, final String text) {
        return "Invalid value for option '" + option + "': '" + text + "' is not a number (write it like 0.05, 12 or 1e-3)";
    }

    @Test
    public void shouldRefuseHostileValidateOptions() throws IOException {
        for (var value : new String[] {"NaN", "Infinity", "0x1p-1", "0.5f", "0.5d", " 0.5"}) {
            assertRefused(notANumber("--decision-threshold", value), validate("--decision-threshold", value));
        }
        assertRefused("--decision-threshold must be within [0, 1], got -0.1", validate("--decision-threshold", "-0.1"));
        for (var threshold : new String[] {"NaN", "Infinity", "0.7f", "0x1p-1"}) {
            assertRefused("malformed gate 'roc_auc >= " + threshold + "': the threshold '" + threshold + "' is neither "
                    + "a number nor 'baseline', 'baseline + N', 'baseline - N', 'baseline * N'",
                    validate("--gate", "roc_auc >= " + threshold));
        }
        assertRefused("malformed gate 'roc_auc >= 1e999': the number '1e999' is too large",
                validate("--gate", "roc_auc >= 1e999"));
        assertRefused("malformed gate 'roc_auc >= baseline * -1': the factor of 'baseline * N' must be positive, got '-1'",
                validate("--warn", "roc_auc >= baseline * -1"));
        assertRefused("malformed gate 'recall[sex=F\\u0007] >= 0.5': it contains the control or invisible character "
                + "U+0007; write gates as plain text", validate("--group", "sex", "--gate", "recall[sex=F\u0007] >= 0.5"));
        assertRefused(predictions + ": --positive-label 'yes' is not one of the labels [0, 1]",
                validate("--positive-label", "yes", "--gate", "recall >= 0.9"));
        assertRefused("--positive-label must not be empty", validate("--positive-label", " "));
        assertRefused("--report-dir needs a folder name", "validate", "--predictions", predictions.toString(),
                "--score", "score", "--report-dir", "");
        assertRefused("--report-dir " + predictions.resolve("out") + ": " + predictions + " is not a folder",
                "validate", "--predictions", root.resolve("missing.csv").toString(), "--score", "score",
                "--report-dir", predictions.resolve("out").toString());
        assertRefused("the MLflow tracking URI must start with http:// or https://, got 'ftp://host'",
                "validate", "--predictions", root.resolve("missing.csv").toString(), "--score", "score",
                "--run-id", "abc", "--tracking-uri", "ftp://host", "--report-dir", root.resolve("out").toString());
        assertRefused("--mlflow-timeout must be between 1 and 3600, got 0", validate("--run-id", "abc",
                "--tracking-uri", nowhere, "--mlflow-timeout", "0"));
        assertRefused("--mlflow-timeout must be between 1 and 3600, got 99999999", validate("--run-id", "abc",
                "--tracking-uri", nowhere, "--mlflow-timeout", "99999999"));
        assertRefused("--version must be a model version number such as 7, got '1e2'", validate("--model", "m",
                "--version", "1e2", "--tracking-uri", nowhere));
        assertRefused("--run-id must not be empty", validate("--run-id", "", "--tracking-uri", nowhere));
    }

    @Test
    public void shouldRefuseHostilePolicyFiles() throws IOException {
        var duplicate = write("dup.yaml", "gates:\n  - roc_auc >= 0.99\ngates:\n  - roc_auc >= 0.1\n");
        assertRefused("policy file " + duplicate + ", line 3, column 1: duplicate key 'gates' (first on line 1)",
                validate("--policy", duplicate.toString()));
        var latin1 = root.resolve("latin1.yaml");
        Files.write(latin1, "gates:\n  - recall[city=M\u00fcnchen] >= 0.5\n".getBytes(StandardCharsets.ISO_8859_1));
        assertRefused("policy file " + latin1 + ", line 2: not UTF-8 (byte 0xFC at offset 24); save the file as UTF-8",
                validate("--policy", latin1.toString()));
        var large = write("large.yaml", "gates:\n" + "  - roc_auc >= 0.5\n".repeat(60_000));
        assertRefused("policy file " + large + " is larger than 1048576 bytes (1 MiB), the limit for YAML files",
                validate("--policy", large.toString()));
        var bomb = write("bomb.yaml", "a: &a [x, x]\nb: &b [*a, *a]\ngates: [*b]\n");
        assertRefused("policy file " + bomb + " is not valid YAML: aliases (*name) of lists or mappings are not supported",
                validate("--policy", bomb.toString()));
        var empty = write("empty.yaml", "gates: []\n");
        assertRefused("policy file " + empty + " has no gates: its 'gates:' and 'warn:' lists are empty",
                validate("--policy", empty.toString()));
        var yes = write("yes.yaml", "gates:\n  - expression: roc_auc >= .nan\n");
        assertRefused("policy file " + yes + ", gates[0]: malformed gate 'roc_auc >= .nan': the threshold '.nan' is "
                + "neither a number nor 'baseline', 'baseline + N', 'baseline - N', 'baseline * N'",
                validate("--policy", yes.toString()));
    }

    @Test
    public void shouldRefuseHostileDriftOptions() throws IOException {
        for (var value : new String[] {"NaN", "-Infinity", "0x1p-3"}) {
            assertRefused(notANumber("--threshold", value), drift("--threshold", value));
        }
        assertRefused("--threshold must be a number above 0, got -1", drift("--threshold", "-1"));
        assertRefused("--threshold must be a number above 0, got 0", drift("--threshold", "0"));
        assertRefused("--threshold 1.5 does not suit column 'age': its test ks needs a p-value between 0 and 1 "
                + "(exclusive)", drift("--threshold", "1.5"));
        assertRefused("--threshold 2 does not suit column 'age': its test hellinger needs a distance above 0 and at "
                + "most 1", drift("--test", "hellinger", "--threshold", "2"));
        assertRefused("--column-threshold: 'NaN' is not a number (write it like 0.05, 12 or 1e-3)",
                drift("--column-threshold", "age=NaN"));
        assertRefused("--column-threshold age must be a number above 0, got -0.5", drift("--column-threshold", "age=-.5"));
        assertRefused("--column-threshold names 'age' twice", drift("--column-threshold", "age=0.1",
                "--column-threshold", "age=0.9"));
        assertRefused("--column-threshold names column 'agee', which the data does not have (columns: age)",
                drift("--column-threshold", "agee=0.1"));
        assertRefused("--column-test names column 'agee', which the data does not have (columns: age)",
                drift("--column-test", "agee=psi"));
        assertRefused("--type names column 'agee', which " + reference + " does not have (columns: age)",
                drift("--type", "agee=numeric"));
        assertRefused("--type age=categorical does not apply: the profile of " + reference + " holds 'age' as numeric "
                + "(--type applies when profiling data files)", "drift", "--reference", profile.toString(), "--current",
                profile.toString(), "--type", "age=categorical", "--report-dir", root.resolve("out").toString());
        assertRefused("--report-dir needs a folder name", "drift", "--reference", reference.toString(), "--current",
                current.toString(), "--report-dir", "");
    }

    @Test
    public void shouldRefuseHostileProfileOptions() throws IOException {
        assertRefused("the profile file must end in .json, got ", "profile", reference.toString(), "-o", "");
        Files.createDirectory(root.resolve("dir.json"));
        assertRefused("--output " + root.resolve("dir.json") + " is a folder; name a file", "profile",
                reference.toString(), "-o", root.resolve("dir.json").toString());
        assertRefused("--output " + reference.resolve("p.json") + ": " + reference + " is not a folder", "profile",
                current.toString(), "-o", reference.resolve("p.json").toString());
        assertRefused("--type names column 'agee', which the profile of " + reference + " does not have (columns: age)",
                "profile", profile.toString(), "-o", root.resolve("merged.json").toString(), "--type", "agee=numeric");
        assertRefused("--type names 'age' twice", "profile", reference.toString(), "-o",
                root.resolve("p2.json").toString(), "--type", "age=numeric", "--type", "age=categorical");
    }

    @Test
    public void shouldRefuseHostileRegisterOptions() throws IOException {
        var base = List.of("register", "--run-id", "abc", "--name", "churn", "--tracking-uri", nowhere);
        assertRefused("--ready-timeout must be between 1 and 86400, got 0", args(base, "--ready-timeout", "0"));
        assertRefused("--ready-timeout must be between 1 and 86400, got -5", args(base, "--ready-timeout", "-5"));
        assertRefused("Invalid value for option '--ready-timeout': '1e3' is not a whole number",
                args(base, "--ready-timeout", "1e3"));
        assertRefused("Invalid value for option '--ready-timeout': 99999999999999999999 is too large",
                args(base, "--ready-timeout", "99999999999999999999"));
        assertRefused("--tag names 'team' twice", args(base, "--tag", "team=risk", "--tag", "team=ops"));
        assertRefused("--run-id must not be empty", "register", "--run-id", "", "--name", "churn", "--tracking-uri",
                nowhere);
        assertRefused("--name must not be empty", "register", "--run-id", "abc", "--name", " ", "--tracking-uri",
                nowhere);
        assertRefused("--mlflow-timeout must be between 1 and 3600, got -1", args(base, "--mlflow-timeout", "-1"));
    }

    @Test
    public void shouldRefuseHostileApprovePromoteAndStatusOptions() throws IOException {
        for (var version : new String[] {"abc", "0", "-1", "1.0", "0x7", "", "\u0661"}) {
            assertRefused("--version must be a model version number such as 7, got '" + version + "'",
                    "approve", "--name", "churn", "--version", version, "--by", "alice", "--tracking-uri", nowhere);
        }
        assertRefused("--by must not be empty", "approve", "--name", "churn", "--version", "7", "--by", "",
                "--tracking-uri", nowhere);
        assertRefused("--version must be a model version number such as 7, got '1e2'", "promote", "--name", "churn",
                "--version", "1e2", "--tracking-uri", nowhere);
        assertRefused("--alias and --previous-alias must differ, both are 'champion'", "promote", "--name", "churn",
                "--version", "7", "--previous-alias", "champion", "--tracking-uri", nowhere);
        assertRefused("--by must not be empty", "promote", "--name", "churn", "--version", "7", "--by", " ",
                "--tracking-uri", nowhere);
        assertRefused("--version must be a model version number such as 7, got '7abc'", "status", "--name", "churn",
                "--version", "7abc", "--tracking-uri", nowhere);
        assertRefused("--alias must not be empty", "status", "--name", "churn", "--alias", "", "--tracking-uri",
                nowhere);
        assertRefused("--name must not be empty", "status", "--name", "", "--tracking-uri", nowhere);
    }

    @Test
    public void shouldRefuseHostileCanaryOptionsAndRolloutFiles() throws IOException {
        assertRefused(notANumber("--confidence", "NaN"), canary("--confidence", "NaN"));
        assertRefused("the confidence (--confidence or confidence: in --rollout) must be at least 0.5 and below 1, "
                + "got 1", canary("--confidence", "1"));
        assertRefused("the confidence (--confidence or confidence: in --rollout) must be at least 0.5 and below 1, "
                + "got 0.1", canary("--confidence", "0.1"));
        assertRefused("Invalid value for option '--inconclusive-limit': '0x10' is not a whole number",
                canary("--inconclusive-limit", "0x10"));
        var weights = CliRun.of(canary("--weights", "5,\u0665\u0660,100"));
        assertThat(weights.status()).isEqualTo(2);
        assertThat(weights.err()).startsWith("mlcd: error: Invalid value for option '--weights'")
                .contains("'\u0665\u0660' is not a whole number");
        assertRefused("Invalid value for option '--min-requests': '1e3' is not a whole number",
                canary("--min-requests", "1e3"));
        assertRefused("the failure and inconclusive limits must be at most 100, got 2147483647 and 2",
                canary("--failure-limit", "2147483647"));
        assertRefused("the pause (--pause or pause: in --rollout) must be at most 24h, got PT1000H",
                canary("--pause", "1000h"));
        assertRefused("--pause: '99999999999h' is longer than a year", canary("--pause", "99999999999h"));
        assertRefused("--haproxy-logs port: 'x' is not a whole number", canary("--haproxy-logs", "127.0.0.1:x"));
        assertRefused("--haproxy-logs port must be between 0 and 65535, got 99999",
                canary("--haproxy-logs", "127.0.0.1:99999"));
        assertRefused("--router-url expects an http:// or https:// address, such as http://10.0.0.7:8080; got "
                + "'ftp://router'",
                "canary", "--router-url", "ftp://router", "--haproxy-logs", "127.0.0.1:5514", "--gate",
                "error_rate <= 0.1");
        assertRefused("--probe " + root.resolve("missing.json") + ": no such file",
                canary("--probe", root.resolve("missing.json").toString()));
        assertRefused("--state " + predictions.resolve("s.json") + ": " + predictions + " is not a folder",
                canary("--state", predictions.resolve("s.json").toString()));
        assertRefused("--decide must be proceed or rollback, not 'yes'", canary("--decide", "yes"));
        assertRefused("the min requests (--min-requests or min_requests: in --rollout) must be at most 1000000000, "
                + "got 1000000001", canary("--min-requests", "1000000001"));
        assertRefused("--haproxy-backend must not be empty", canary("--haproxy-backend", " "));
        assertRefused("--prometheus must not carry a user name or password",
                canary("--prometheus", "http://admin:s3cret@prometheus:9090"));
        var twoBodies = write("probe.json", "{\"inputs\": [[1, 2]]}\n{\"inputs\": [[3, 4]]}\n");
        assertRefused("--probe " + twoBodies + ": not JSON: more than one value (line 2, column 1)",
                canary("--probe", twoBodies.toString(), "--canary-url", "https://canary:8443", "--stable-url",
                        "https://stable:8443"));
        var duplicate = write("rollout.yaml", "confidence: 0.99\npause: 1m\nconfidence: 0.2\n");
        assertRefused("rollout file " + duplicate + ", line 3, column 1: duplicate key 'confidence' (first on line 1)",
                canary("--rollout", duplicate.toString()));
        var nan = write("nan.yaml", "confidence: .nan\n");
        assertRefused("the rollout file " + nan + ": 'confidence' must be a number, got '.nan'",
                canary("--rollout", nan.toString()));
        var low = write("low.yaml", "confidence: 0.01\n");
        assertRefused("the confidence (--confidence or confidence: in --rollout) must be at least 0.5 and below 1, "
                + "got 0.01", canary("--rollout", low.toString()));
    }

    private static String[] args(final List<String> base, final String... more) {
        var all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
