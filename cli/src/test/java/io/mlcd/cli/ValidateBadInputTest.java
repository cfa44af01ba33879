package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Every bad input ends with exit status 2, one line on stderr that says what is wrong and where,
 * and no report that could be mistaken for a verdict.
 */
public class ValidateBadInputTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private Path file(final String name, final String content) throws IOException {
        var path = folder.getRoot().toPath().resolve(name);
        Files.writeString(path, content);
        return path;
    }

    private void assertInputError(final CliRun run, final String expectedMessage) {
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("mlcd: error: " + expectedMessage + System.lineSeparator());
        assertThat(folder.getRoot().toPath().resolve("reports")).doesNotExist();
    }

    private CliRun validate(final String... args) {
        var all = new ArrayList<>(List.of("validate", "--report-dir",
                folder.getRoot().toPath().resolve("reports").toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    public void shouldRejectMissingFile() {
        var missing = folder.getRoot().toPath().resolve("missing.csv");
        assertInputError(validate("--predictions", missing.toString(), "--score", "score"),
                missing + " does not exist");
    }

    @Test
    public void shouldRejectMissingColumn() throws IOException {
        var p = file("p.csv", "label,prob\n1,0.5\n");
        assertInputError(validate("--predictions", p.toString(), "--score", "score"),
                p + " has no column 'score' (columns: label, prob)");
    }

    @Test
    public void shouldRejectEmptyFileAndHeaderOnlyFile() throws IOException {
        var empty = file("empty.csv", "");
        assertInputError(validate("--predictions", empty.toString(), "--score", "score"),
                empty + " is empty: expected a header row with column names");
        var header = file("header.csv", "label,score\n");
        assertInputError(validate("--predictions", header.toString(), "--score", "score"),
                header + " has a header but no data rows");
    }

    @Test
    public void shouldRejectNonNumericScore() throws IOException {
        var p = file("p.csv", "label,score\n1,0.5\n0,high\n");
        assertInputError(validate("--predictions", p.toString(), "--score", "score"),
                p + ", line 3, column 'score': 'high' is not a number");
    }

    @Test
    public void shouldRejectScoreOutsideUnitInterval() throws IOException {
        var p = file("p.csv", "label,score\n1,0.5\n0,1.5\n");
        assertInputError(validate("--predictions", p.toString(), "--score", "score"),
                p + ", line 3, column 'score': score 1.5 is outside [0, 1]; give the probability of the positive class");
    }

    @Test
    public void shouldRejectNaNAndMissingScores() throws IOException {
        var nan = file("nan.csv", "label,score\n1,NaN\n");
        assertInputError(validate("--predictions", nan.toString(), "--score", "score"),
                nan + ", line 2, column 'score': the score is NaN");
        var blank = file("blank.jsonl", "{\"label\": 1, \"score\": 0.3}\n{\"label\": 0, \"score\": null}\n");
        assertInputError(validate("--predictions", blank.toString(), "--score", "score"),
                blank + ", line 2, column 'score': the score is missing");
    }

    @Test
    public void shouldRejectNonBinaryLabelsForBinaryMetrics() throws IOException {
        var p = file("p.csv", "label,score\n0,0.1\n1,0.9\n2,0.5\n");
        assertInputError(validate("--predictions", p.toString(), "--score", "score"),
                p + ", line 4, column 'label': a third class '2' besides [0, 1]: labels are not binary "
                        + "(use --task multiclass for more classes)");
    }

    @Test
    public void shouldAskForPositiveLabelWhenItIsNotObvious() throws IOException {
        var p = file("p.csv", "label,score\nyes,0.9\nno,0.1\n");
        assertInputError(validate("--predictions", p.toString(), "--score", "score"),
                p + ": the classes are [yes, no]; say which one is positive with --positive-label");
    }

    @Test
    public void shouldRejectDuplicateIds() throws IOException {
        var p = file("p.csv", "id,label,score\na,1,0.9\nb,0,0.1\na,0,0.2\n");
        assertInputError(validate("--predictions", p.toString(), "--score", "score", "--id", "id"),
                p + ", line 4, column 'id': duplicate id 'a'");
    }

    @Test
    public void shouldRejectBaselineWithDifferentRows() throws IOException {
        var p = file("p.csv", "id,label,score\na,1,0.9\nb,0,0.1\n");
        var fewer = file("fewer.csv", "id,label,score\na,1,0.8\n");
        assertInputError(validate("--predictions", p.toString(), "--score", "score", "--baseline", fewer.toString()),
                "the baseline " + fewer + " has 1 rows but the predictions " + p + " have 2; a baseline must hold "
                        + "predictions for the same rows");
        var otherIds = file("other.csv", "id,label,score\na,1,0.8\nc,0,0.3\n");
        assertInputError(validate("--predictions", p.toString(), "--score", "score", "--baseline",
                otherIds.toString(), "--id", "id"),
                "id 'b' of the predictions " + p + " is missing from the baseline " + otherIds);
        var otherLabels = file("labels.csv", "id,label,score\na,1,0.8\nb,1,0.3\n");
        assertInputError(validate("--predictions", p.toString(), "--score", "score", "--baseline",
                otherLabels.toString()),
                "row 2 has label '0' in the predictions " + p + " but '1' in the baseline " + otherLabels
                        + "; a baseline must hold predictions for the same rows");
    }

    @Test
    public void shouldRejectMalformedGateAndUnknownMetric() throws IOException {
        var p = file("p.csv", "label,score\n1,0.9\n0,0.1\n");
        assertInputError(validate("--predictions", p.toString(), "--score", "score", "--gate", "roc_auc >> 1"),
                "malformed gate 'roc_auc >> 1': the threshold '> 1' is neither a number nor 'baseline', "
                        + "'baseline + N', 'baseline - N', 'baseline * N'");
        assertInputError(validate("--predictions", p.toString(), "--score", "score", "--warn", "auc >= 0.8"),
                "malformed gate 'auc >= 0.8': unknown metric 'auc'; see docs/validate.md for the list");
    }

    @Test
    public void shouldRejectGateOnColumnThatIsNotAGroup() throws IOException {
        var p = file("p.csv", "label,score,sex\n1,0.9,F\n0,0.1,M\n");
        assertInputError(validate("--predictions", p.toString(), "--score", "score", "--gate",
                "demographic_parity_difference[sex] <= 0.1"),
                "gate 'demographic_parity_difference[sex] <= 0.1' refers to column 'sex', which is not a --group "
                        + "column");
    }

    @Test
    public void shouldAskForATrackingServerWhenARunIsNamed() throws IOException {
        var p = file("p.csv", "label,score\n1,0.9\n0,0.1\n");
        var run = CliRun.of("validate", "--predictions", p.toString(), "--score", "score", "--run-id", "abc",
                "--tracking-uri", "ftp://host");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("mlcd: error: the MLflow tracking URI must start with http:// or https://, "
                + "got 'ftp://host'" + System.lineSeparator());
    }

    @Test
    public void shouldRejectUsageErrorsWithExitTwo() throws IOException {
        var p = file("p.csv", "label,score\n1,0.9\n0,0.1\n");
        var noColumn = validate("--predictions", p.toString());
        assertThat(noColumn.status()).isEqualTo(2);
        assertThat(noColumn.err()).contains("give the score column (--score) or the predicted-class column");
        var unknownOption = validate("--predictions", p.toString(), "--scroe", "score");
        assertThat(unknownOption.status()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option").contains("'--scroe'").contains("mlcd validate --help");
        var badThreshold = validate("--predictions", p.toString(), "--score", "score", "--decision-threshold", "2");
        assertThat(badThreshold.status()).isEqualTo(2);
        assertThat(badThreshold.err()).contains("--decision-threshold must be within [0, 1]");
    }
}
