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

    @Test
    public void shouldRefuseSymbolicLinksThatLeadOutOfTheWorkspace() throws Exception {
        var root = folder.newFolder("ws").toPath();
        var outside = folder.newFile("secret.txt").toPath();
        java.nio.file.Files.createSymbolicLink(root.resolve("batch.csv"), outside);
        java.nio.file.Files.createSymbolicLink(root.resolve("reports"), folder.getRoot().toPath());
        java.nio.file.Files.createSymbolicLink(root.resolve("dangling.csv"), folder.getRoot().toPath().resolve("new"));
        java.nio.file.Files.createDirectories(root.resolve("data"));
        java.nio.file.Files.createSymbolicLink(root.resolve("data/inside.csv"), root.resolve("data/real.csv"));
        java.nio.file.Files.writeString(root.resolve("data/real.csv"), "x\n");

        assertThatThrownBy(() -> Workspace.file(root.toFile(), "batch.csv"))
                .isInstanceOf(InputException.class)
                .hasMessage("'batch.csv' leads outside the workspace through a symbolic link");
        assertThatThrownBy(() -> Workspace.file(root.toFile(), "reports/validate-data.json"))
                .hasMessage("'reports/validate-data.json' leads outside the workspace through a symbolic link");
        assertThatThrownBy(() -> Workspace.file(root.toFile(), "dangling.csv"))
                .hasMessageStartingWith("'dangling.csv' leads nowhere in the workspace (a dangling symbolic link?)");
        assertThat(Workspace.file(root.toFile(), "data/inside.csv")).isEqualTo(root.resolve("data/inside.csv"));
        assertThat(Workspace.file(root.toFile(), "data/new/report.json")).isEqualTo(root.resolve("data/new/report.json"));
    }
}
