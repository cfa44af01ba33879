package io.mlcd.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

/** Outside text printed as one visible line: nothing a terminal would obey, nothing endless, no password of a URI. */
public class SafeTextTest {
    @Test
    public void shouldShowControlCharactersAndEscapeSequencesInsteadOfPassingThem() {
        assertThat(SafeText.line("\u001b[31mred\u001b[0m\r\nsecond\tline\u0007\u0000\u007f\u009b2J"))
                .isEqualTo("\\e[31mred\\e[0m\\r\\nsecond\\tline\\u0007\\u0000\\u007f\\u009b2J");
        assertThat(SafeText.line("file \u202egnp.exe\u2066 \u2028 \ufeff"))
                .isEqualTo("file \\u202egnp.exe\\u2066 \\u2028 \\ufeff");
        assertThat(SafeText.line("Grüße, 東京, 😀 and a \\ stay")).isEqualTo("Grüße, 東京, 😀 and a \\ stay");
    }

    @Test
    public void shouldCutLongTextWithAMarkerCountingWhatWasLeftOut() {
        var huge = "a".repeat(10_000_000);

        assertThat(SafeText.line(huge)).hasSize(SafeText.LINE_LIMIT + "... [cut 9,998,000 chars]".length())
                .startsWith("aaaa").endsWith("a... [cut 9,998,000 chars]");
        assertThat(SafeText.line("abc\u001bdef", 5)).isEqualTo("abc\\e... [cut 3 chars]");
        assertThat(SafeText.line("abc\u001bdef", 4)).isEqualTo("abc... [cut 4 chars]");
        assertThat(SafeText.line("ab😀", 3)).isEqualTo("ab... [cut 2 chars]");
        assertThat(SafeText.line("exactly10!", 10)).isEqualTo("exactly10!");
    }

    @Test
    public void shouldQuoteAnHtmlPageByItsTitleOrItsText() {
        var nginx = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1>"
                + "</center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n";
        assertThat(SafeText.quote(nginx)).isEqualTo("HTML page: 502 Bad Gateway");
        assertThat(SafeText.quote("<!DOCTYPE html><html><head><style>p {color: red}</style><script>alert('x')</script>"
                + "</head><body><p>Please &lt;sign in&gt; &amp;\n  retry</p></body></html>"))
                .isEqualTo("HTML page: Please <sign in> & retry");
        assertThat(SafeText.quote("<title>\u001b]0;owned\u0007 Login</title>")).isEqualTo("HTML page: \\e]0;owned\\u0007 Login");
        assertThat(SafeText.quote("<html>" + "<".repeat(1_000_000))).isEqualTo("HTML page");
        assertThat(SafeText.quote("  Invalid Host header - possible DNS rebinding attack detected\n"))
                .isEqualTo("Invalid Host header - possible DNS rebinding attack detected");
        assertThat(SafeText.quote("x".repeat(5_000))).hasSize(SafeText.QUOTE_LIMIT + "... [cut 4,700 chars]".length())
                .endsWith("x... [cut 4,700 chars]");
    }

    @Test
    public void shouldStripUserInfoFromUrisJavaCannotParse() {
        assertThat(SafeText.uri("http://ci:s3cret@mlflow_host:5000/path")).isEqualTo("http://mlflow_host:5000/path");
        assertThat(SafeText.uri("ci:s3cret@mlflow.example:5000")).isEqualTo("mlflow.example:5000");
        assertThat(SafeText.uri("//ci:s3cret@mlflow.example")).isEqualTo("//mlflow.example");
        assertThat(SafeText.uri("https://a@b:c@[::1]:5000")).isEqualTo("https://[::1]:5000");
        assertThat(SafeText.uri(java.net.URI.create("https://mlflow.example/"))).isEqualTo("https://mlflow.example/");
        assertThat(SafeText.withoutUserInfo("cannot reach 'ci:pw@host:5000' nor http://ci:pw@host2, mail alice@example.com"))
                .isEqualTo("cannot reach 'host:5000' nor http://host2, mail alice@example.com");
        assertThat(SafeText.withoutUserInfo("git@github.com:org/repo.git and /tmp/a:b@c")).isEqualTo(
                "git@github.com:org/repo.git and /tmp/a:b@c");
    }
}
