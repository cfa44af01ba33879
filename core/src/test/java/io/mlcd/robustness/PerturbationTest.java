package io.mlcd.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import org.junit.Test;

public class PerturbationTest {
    @Test
    public void shouldReadEverySpecAndGiveItsCanonicalId() {
        assertThat(Perturbation.parse("noise:income:0.10")).isEqualTo(new Perturbation.Noise("income", 0.1));
        assertThat(Perturbation.parse("noise:income:0.10").id()).isEqualTo("noise:income:0.1");
        assertThat(Perturbation.parse("shift:income:1.0").id()).isEqualTo("shift:income:1");
        assertThat(Perturbation.parse("shift:income:-0.5").id()).isEqualTo("shift:income:-0.5");
        assertThat(Perturbation.parse("swap:region")).isEqualTo(new Perturbation.Swap("region"));
        assertThat(Perturbation.parse("missing:*").id()).isEqualTo("missing:*");
        assertThat(Perturbation.parse("noise:*:1e-1").id()).isEqualTo("noise:*:0.1");
        assertThat(Perturbation.parse(" all:0.05 ").id()).isEqualTo("all:0.05");
    }

    @Test
    public void shouldNameTheColumnItChangesAlone() {
        assertThat(Perturbation.parse("missing:income").column()).contains("income");
        assertThat(Perturbation.parse("missing:*").column()).isEmpty();
        assertThat(Perturbation.parse("all:0.05").column()).isEmpty();
    }

    @Test
    public void shouldTakeColumnNamesWithColonsUpToTheLevel() {
        assertThat(Perturbation.parse("noise:a:b:0.2")).isEqualTo(new Perturbation.Noise("a:b", 0.2));
        assertThat(Perturbation.parse("swap:a:b")).isEqualTo(new Perturbation.Swap("a:b"));
    }

    @Test
    public void shouldRefuseMalformedSpecsWithTheSpecInTheMessage() {
        assertRefused("income", "--perturb 'income': expected KIND:COLUMN[:LEVEL] or all:LEVEL");
        assertRefused("jitter:income:0.1", "--perturb 'jitter:income:0.1': unknown kind 'jitter'; known: noise, "
                + "shift, swap, missing, all");
        assertRefused("noise:income", "--perturb 'noise:income': expected KIND:COLUMN:LEVEL, e.g. noise:income:0.1");
        assertRefused("noise:income:NaN", "--perturb 'noise:income:NaN': the level 'NaN' is not a number "
                + "(write it like 0.05, 12 or 1e-3)");
        assertRefused("noise:income:1e999", "--perturb 'noise:income:1e999': the level 1e999 is too large");
        assertRefused("noise:income:-0.1", "noise: the level must be a positive number of spreads, got -0.1");
        assertRefused("noise:income:0", "noise: the level must be a positive number of spreads, got 0");
        assertRefused("shift:income:0", "shift: the level must be a non-zero number of spreads, got 0");
        assertRefused("all:2", "all: the level is a probability and a number of spreads, at most 1, got 2");
        assertRefused("swap:", "--perturb 'swap:': name a column or *");
        assertRefused("missing:", "--perturb 'missing:': name a column or *");
    }

    private static void assertRefused(final String spec, final String message) {
        assertThatThrownBy(() -> Perturbation.parse(spec)).isInstanceOf(InputException.class).hasMessage(message);
    }
}
