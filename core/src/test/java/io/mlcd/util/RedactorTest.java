package io.mlcd.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/** Credentials never shown, in whichever encoding a server or a file repeats them. */
public class RedactorTest {
    private static final String TOKEN = "tok/en+with \"quotes\"";

    @Test
    public void shouldHideEveryFormOfASecret() {
        var redactor = Redactor.of(Arrays.asList(TOKEN, null, " "));

        assertThat(redactor.redact("Authorization: Bearer " + TOKEN + "\n")).isEqualTo("Authorization: Bearer ****\n");
        assertThat(redactor.redact("{\"header\":\"Bearer tok/en+with \\\"quotes\\\"\"}")).isEqualTo("{\"header\":\"Bearer ****\"}");
        assertThat(redactor.redact("{\"header\":\"tok\\/en+with \\\"quotes\\\"\"}")).isEqualTo("{\"header\":\"****\"}");
        assertThat(redactor.redact("/login?token=tok%2Fen%2Bwith+%22quotes%22&x")).isEqualTo("/login?token=****&x");
        assertThat(redactor.redact("/login?token=tok%2Fen%2Bwith%20%22quotes%22")).isEqualTo("/login?token=****");
        assertThat(redactor.redact(TOKEN + TOKEN)).isEqualTo("********");
        assertThat(redactor.toString()).doesNotContain("tok");
    }

    @Test
    public void shouldHideTheLongerSecretWholeWhenOneContainsAnother() {
        var redactor = Redactor.of(List.of("pass", "my-pass-word"));

        assertThat(redactor.redact("my-pass-word and pass")).isEqualTo("**** and ****");
    }

    @Test
    public void shouldPrepareAMessageForPrinting() {
        var redactor = Redactor.of(List.of("s3cret"));

        assertThat(redactor.message("no s3cret\u001b[2J at http://ci:other@mlflow_host:5000\n" + "x".repeat(5_000)))
                .startsWith("no ****\\e[2J at http://mlflow_host:5000\\nxxx").endsWith("x... [cut 3,041 chars]")
                .hasSizeLessThan(SafeText.LINE_LIMIT + 30);
        assertThat(Redactor.none().redact("s3cret")).isEqualTo("s3cret");
    }
}
