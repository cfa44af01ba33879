package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.report.ReportWriter;
import io.mlcd.report.StagedReport;
import io.mlcd.util.Workspace;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * What a workspace step's work on the agent sends back: the report document, and where its report
 * files wait, staged and invisible, in the report folder. The controller records the report in
 * MLflow first; then {@link #publish()} makes the files appear, or, when the record failed,
 * {@link #discard()} removes them, so no report claims a verdict that has no record. Both are
 * small jobs for the same workspace.
 *
 * @param report  the report document, JSON text
 * @param command names the report files ({@code validate-data.json}, …)
 * @param folder  the report folder, relative to the workspace
 * @param staging the staging folder's name in the report folder
 * @param created the outermost folder created for the report (absolute, on the agent), or null
 */
public record ReportDraft(String report, String command, String folder, String staging, @CheckForNull String created)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Moves the staged files into the report folder; returns the folder as the step names it. */
    public WorkspaceJob<String> publish() {
        return new Publish(this);
    }

    /** Deletes the staged files, and the report folder if it was created for them and is still empty. */
    public WorkspaceJob<String> discard() {
        return new Discard(this);
    }

    /** The staged report, found again in the workspace. */
    private StagedReport reopen(final Path workspace) {
        return ReportWriter.reopen(Workspace.file(workspace.toFile(), folder), command, staging,
                created == null ? null : Path.of(created));
    }

    record Publish(ReportDraft draft) implements WorkspaceJob<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String run(final Path workspace) {
            try (var staged = draft.reopen(workspace)) {
                staged.publish();
            }
            return draft.folder();
        }
    }

    record Discard(ReportDraft draft) implements WorkspaceJob<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String run(final Path workspace) {
            draft.reopen(workspace).close();
            return draft.folder();
        }
    }
}
