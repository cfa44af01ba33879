package io.mlcd.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlcd.util.InputException;
import org.junit.Test;

/** {@code --exec} split into words as a POSIX shell would, and nothing else a shell does. */
public class CommandWordsTest {
    @Test
    public void shouldSplitOnBlanks() {
        assertThat(CommandWords.split("--exec", "  ./deploy.sh   --env prod\tnow ")).containsExactly("./deploy.sh",
                "--env", "prod", "now");
    }

    @Test
    public void shouldKeepQuotedTextTogether() {
        assertThat(CommandWords.split("--exec", "sh -c 'echo \"$MLCD_VERSION\" > out' x"))
                .containsExactly("sh", "-c", "echo \"$MLCD_VERSION\" > out", "x");
        assertThat(CommandWords.split("--exec", "say \"a \\\"b\\\" \\\\ c\\n\"")).containsExactly("say",
                "a \"b\" \\ c\\n");
        assertThat(CommandWords.split("--exec", "a\\ b 'it'\\''s' pre\"fix\"post ''")).containsExactly("a b", "it's",
                "prefixpost", "");
    }

    @Test
    public void shouldLeaveShellSyntaxAsOrdinaryCharacters() {
        assertThat(CommandWords.split("--exec", "echo $HOME; rm -rf * | tee `x` && $(y) > z"))
                .containsExactly("echo", "$HOME;", "rm", "-rf", "*", "|", "tee", "`x`", "&&", "$(y)", ">", "z");
    }

    @Test
    public void shouldRefuseUnclosedQuotesAndEmptyCommands() {
        assertThatThrownBy(() -> CommandWords.split("--exec", "echo 'open")).isInstanceOf(InputException.class)
                .hasMessage("--exec has a ' without its closing '");
        assertThatThrownBy(() -> CommandWords.split("--exec", "echo \"open")).isInstanceOf(InputException.class)
                .hasMessage("--exec has a \" without its closing \"");
        assertThatThrownBy(() -> CommandWords.split("--exec", "echo \\")).isInstanceOf(InputException.class)
                .hasMessage("--exec ends with a \\ that escapes nothing");
        assertThatThrownBy(() -> CommandWords.split("--exec", " \t ")).isInstanceOf(InputException.class)
                .hasMessage("--exec names no command");
    }
}
