package io.mlcd.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** File options of a CI step stay inside its workspace. */
public class WorkspaceTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void shouldResolveNamesInsideTheWorkspace() {
        var root = folder.getRoot();

        assertThat(Workspace.file(root, "out/preds.csv")).isEqualTo(root.toPath().resolve("out/preds.csv"));
        assertThat(Workspace.file(root, "out/../preds.csv")).isEqualTo(root.toPath().resolve("preds.csv"));
        assertThat(Workspace.file(new File(root, "ws/."), "a.csv")).isEqualTo(root.toPath().resolve("ws/a.csv"));
    }

    @Test
    public void shouldRefuseNamesThatLeaveTheWorkspace() {
        var root = folder.getRoot();

        assertThatThrownBy(() -> Workspace.file(root, "../../secrets.csv"))
                .isInstanceOf(InputException.class).hasMessage("'../../secrets.csv' lies outside the workspace");
        assertThatThrownBy(() -> Workspace.file(root, "/etc/passwd"))
                .hasMessage("'/etc/passwd' lies outside the workspace");
        assertThatThrownBy(() -> Workspace.file(new File(root, "ws"), "../ws2/a.csv"))
                .hasMessage("'../ws2/a.csv' lies outside the workspace");
    }
}
