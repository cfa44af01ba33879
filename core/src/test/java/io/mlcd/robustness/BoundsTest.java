package io.mlcd.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlcd.drift.Profiler;
import io.mlcd.scoring.Frame;
import io.mlcd.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BoundsTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** Training rows: x = 0..999, plan a (500), b (300), c (150), d (50), code = x mod 3 written as text in training. */
    private Optional<io.mlcd.drift.Profile> training() throws IOException {
        var text = new StringBuilder("x,plan,code\n");
        for (int i = 0; i < 1000; i++) {
            var plan = i < 500 ? "a" : i < 800 ? "b" : i < 950 ? "c" : "d";
            text.append(i).append(',').append(plan).append(",c").append(i % 3).append('\n');
        }
        var file = folder.getRoot().toPath().resolve("train.csv");
        Files.writeString(file, text.toString());
        return Optional.of(new Profiler(Progress.NONE, Map.of()).profile(file));
    }

    /** Test rows: only a narrow part of the training range, plans a and d, code as numbers. */
    private Frame rows() {
        var x = new double[40];
        var plan = new String[40];
        var code = new double[40];
        for (int i = 0; i < 40; i++) {
            x[i] = 100 + i;
            plan[i] = i % 2 == 0 ? "a" : "d";
            code[i] = i % 3;
        }
        return Frame.of(List.of("x", "plan", "code"), java.util.Arrays.asList(x, null, code),
                java.util.Arrays.asList(null, plan, null));
    }

    @Test
    public void shouldTakeQuantilesAndFrequentValuesFromTheProfile() throws IOException {
        var bounds = Bounds.of(rows(), training());
        var x = bounds.column("x");
        // KLL with k = 1024 holds 1,000 values exactly: inverted-cdf p1 = 9, p25 = 249, p75 = 749, p99 = 989
        assertThat(x.source()).isEqualTo("profile");
        assertThat(x.low()).isEqualTo(9);
        assertThat(x.high()).isEqualTo(989);
        assertThat(x.spread()).isEqualTo(500);
        assertThat(x.integral()).isTrue();
        var plan = bounds.column("plan");
        assertThat(plan.source()).isEqualTo("profile");
        assertThat(plan.frequent()).containsExactly("a", "b", "c", "d");
        assertThat(plan.weights()).containsExactly(500L, 300L, 150L, 50L);
    }

    @Test
    public void shouldBoundByTheRowsWhereTheProfileTypesAColumnOtherwise() throws IOException {
        var input = Bounds.of(rows(), training());
        var code = input.column("code");
        assertThat(code.source()).isEqualTo("data");
        assertThat(code.frequent()).containsExactly("0.0", "1.0", "2.0");
        var withoutProfile = Bounds.of(rows(), Optional.empty()).column("x");
        assertThat(withoutProfile.source()).isEqualTo("data");
        assertThat(withoutProfile.spread()).isEqualTo(20); // p75 129 - p25 109 of 100..139
    }

    @Test
    public void shouldSwapTestRowsIntoTheProfilesFrequentValuesAndShiftWithinItsRange() throws IOException {
        var rows = rows();
        var bounds = Bounds.of(rows, training());
        var swapped = new Perturber(2).apply(new Perturbation.Swap("plan"), rows, bounds).rows();
        var seen = new java.util.HashSet<String>();
        for (int r = 0; r < rows.rows(); r++) {
            seen.add(swapped.text(1, r));
            assertThat(swapped.text(1, r)).isNotEqualTo(rows.text(1, r));
        }
        assertThat(seen).containsAnyOf("b", "c").isSubsetOf("a", "b", "c", "d");
        var shifted = new Perturber(2).apply(new Perturbation.Shift("x", 1), rows, bounds).rows();
        assertThat(shifted.number(0, 0)).isEqualTo(600); // 100 + IQR 500, within p99 989
    }
}
