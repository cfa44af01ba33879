package io.mlcd.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.scoring.Frame;
import io.mlcd.scoring.Predictions;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PerturbedRowsWriterTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final Frame rows = Frame.of(List.of("a b", "a_b"), Arrays.asList(new double[] {1, 2}, null),
            Arrays.asList(null, new String[] {"x,y", null}));

    @Test
    public void shouldNameFilesAfterTheIdsWithoutCollisionsAndIndexThem() throws IOException {
        var saved = folder.getRoot().toPath().resolve("saved");
        var writer = new PerturbedRowsWriter(saved, rows.columns());
        writer.scored("original", rows, Predictions.ofNumbers(new double[] {0.25, Double.NaN}));
        writer.scored("missing:a b", rows, Predictions.ofTexts(new String[] {"yes", null}));
        writer.scored("missing:a_b", rows, Predictions.ofNumbers(new double[] {1, 0}));
        writer.scored("missing:*", rows, Predictions.ofVectors(new double[][] {{0.2, 0.8}, {0.6, 0.4}}, -1));
        assertThat(Files.readAllLines(saved.resolve("index.csv"))).containsExactly("perturbation,file",
                "original,original.csv", "missing:a b,missing_a_b.csv", "missing:a_b,missing_a_b_2.csv",
                "missing:*,missing__.csv");
        assertThat(Files.readAllLines(saved.resolve("original.csv"))).containsExactly("a b,a_b,mlcd_prediction",
                "1,\"x,y\",0.25", "2,,");
        assertThat(Files.readAllLines(saved.resolve("missing_a_b.csv"))).containsExactly("a b,a_b,mlcd_prediction",
                "1,\"x,y\",yes", "2,,");
        assertThat(Files.readAllLines(saved.resolve("missing__.csv"))).containsExactly("a b,a_b,mlcd_prediction",
                "1,\"x,y\",0.8", "2,,0.4");
    }

    @Test
    public void shouldRefuseDataWithThePredictionColumnAndAFileForAFolder() throws IOException {
        var taken = Frame.of(List.of("mlcd_prediction"), Arrays.asList(new double[] {1}), Arrays.asList(
                new String[][] {null}));
        assertThatThrownBy(() -> new PerturbedRowsWriter(folder.getRoot().toPath(), taken.columns()))
                .isInstanceOf(InputException.class).hasMessage("--save-perturbed: the data has a column "
                        + "'mlcd_prediction' already, the name of the model's answers in the saved files; drop or "
                        + "rename it");
        var file = folder.newFile("plain.txt").toPath();
        assertThatThrownBy(() -> new PerturbedRowsWriter(file, rows.columns())).isInstanceOf(InputException.class)
                .hasMessageContaining("--save-perturbed");
    }
}
