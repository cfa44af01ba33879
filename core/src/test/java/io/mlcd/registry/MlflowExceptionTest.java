package io.mlcd.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.Test;

/** Which failures are worth asking again later: those the server may recover from, not a refusal. */
public class MlflowExceptionTest {
    @Test
    public void shouldCallNoAnswerThrottlingAndServerErrorsTemporary() {
        assertThat(new MlflowException("timed out", new IOException("timeout")).isTemporary()).isTrue();
        assertThat(new MlflowException("busy", 429, null).isTemporary()).isTrue();
        assertThat(new MlflowException("down", 503, null).isTemporary()).isTrue();
    }

    @Test
    public void shouldNotCallARefusalOrAMissingThingTemporary() {
        assertThat(new MlflowException("no such model", 404, "RESOURCE_DOES_NOT_EXIST").isTemporary()).isFalse();
        assertThat(new MlflowException("forbidden", 403, "PERMISSION_DENIED").isTemporary()).isFalse();
        assertThat(new MlflowException("bad request", 400, "INVALID_PARAMETER_VALUE").isTemporary()).isFalse();
    }
}
