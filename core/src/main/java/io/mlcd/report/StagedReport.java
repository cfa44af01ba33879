package io.mlcd.report;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A report written to a staging folder and not yet visible where it belongs. {@link #files()}
 * can be uploaded (an MLflow record) before {@link #publish()} moves them into place; closing
 * deletes the staging folder and whatever is still in it, and, when nothing was published, the
 * report folder too if it was created for this report and is still empty.
 */
public final class StagedReport implements AutoCloseable {
    private final Path staging;
    @CheckForNull
    private final Path directory;
    @CheckForNull
    private final Path created;
    private final List<Path> files;
    private boolean published;

    private StagedReport(final Path staging, @CheckForNull final Path directory, @CheckForNull final Path created,
            final List<Path> files) {
        this.staging = staging;
        this.directory = directory;
        this.created = created;
        this.files = List.copyOf(files);
    }

    /** Writes the contents into the (new, empty) staging folder; on failure deletes it again. */
    static StagedReport write(final Path staging, @CheckForNull final Path directory, @CheckForNull final Path created,
            final Map<String, String> contents) {
        var files = new ArrayList<Path>();
        for (var name : contents.keySet()) {
            files.add(staging.resolve(name));
        }
        var report = new StagedReport(staging, directory, created, files);
        try {
            for (var entry : contents.entrySet()) {
                Files.writeString(staging.resolve(entry.getKey()), entry.getValue(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            return report;
        }
        catch (IOException e) {
            report.close();
            throw new UncheckedIOException("cannot write the report to " + (directory == null ? staging.getParent()
                    : directory) + ": " + ReportWriter.describe(e), e);
        }
    }

    /**
     * The report staged earlier in {@code directory} (by another call, on the same machine), to be
     * published or discarded now.
     *
     * @param staging the staging folder's name in {@code directory}, as {@link #stagingName()} gave it
     * @param created as {@link #created()} gave it; ignored unless it is {@code directory} or a folder above it
     * @param names   the files' names, JSON last
     */
    static StagedReport reopen(final Path directory, final String staging, @CheckForNull final Path created,
            final List<String> names) {
        if (!staging.startsWith(".mlcd-") || !Path.of(staging).getFileName().toString().equals(staging)) {
            throw new IllegalArgumentException("not a staging folder's name: " + staging);
        }
        var folder = directory.resolve(staging);
        var ours = created != null && directory.toAbsolutePath().normalize().startsWith(created) ? created : null;
        return new StagedReport(folder, directory, ours, names.stream().map(folder::resolve).toList());
    }

    /** The staging folder's name in the report folder. */
    public String stagingName() {
        return staging.getFileName().toString();
    }

    /** The outermost folder created for this report (absolute), or null when the report folder existed. */
    @CheckForNull
    public Path created() {
        return created;
    }

    /** The staged files, JSON last; their names are the final ones. */
    public List<Path> files() {
        return files;
    }

    /**
     * Moves the files into the report folder, JSON last: whoever sees the new JSON finds its HTML
     * and JUnit XML there too. If a move fails, none of the three files is left in the folder.
     *
     * @return the published files, JSON first (as {@link ReportWriter#write} returns them)
     */
    public List<Path> publish() {
        if (directory == null || published) {
            throw new IllegalStateException("this report cannot be published (again)");
        }
        var targets = new ArrayList<Path>();
        files.forEach(file -> targets.add(directory.resolve(file.getFileName().toString())));
        try {
            for (int i = 0; i < files.size(); i++) {
                Files.move(files.get(i), targets.get(i), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        }
        catch (IOException e) {
            targets.forEach(StagedReport::deleteQuietly);
            throw new UncheckedIOException("cannot write the report to " + directory + ": " + ReportWriter.describe(e)
                    + "; no report is left there", e);
        }
        published = true;
        targets.add(0, targets.remove(targets.size() - 1));
        return List.copyOf(targets);
    }

    /** Deletes what is left of the staging folder; never throws, so it cannot hide the first failure. */
    @Override
    public void close() {
        files.forEach(StagedReport::deleteQuietly);
        deleteQuietly(staging);
        if (!published && directory != null) {
            removeCreated(directory, created);
        }
    }

    /** Removes the folders made for a report, from the innermost out, as long as they are empty. */
    static void removeCreated(final Path directory, @CheckForNull final Path created) {
        if (created == null) {
            return;
        }
        for (var folder = directory.toAbsolutePath(); folder != null; folder = folder.getParent()) {
            try {
                Files.deleteIfExists(folder);
            }
            catch (DirectoryNotEmptyException e) {
                return;
            }
            catch (IOException e) {
                return;
            }
            if (folder.equals(created)) {
                return;
            }
        }
    }

    private static void deleteQuietly(final Path file) {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            // best effort: the caller reports the failure that brought it here
        }
    }
}
