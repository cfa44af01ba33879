package io.mlcd.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.InputException;
import io.mlcd.util.SafeText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@link WatchState} as a JSON file, replaced atomically on every save ({@link AtomicFiles}):
 * a watcher killed at any moment leaves the previous state or the new one, never half of one.
 */
public final class WatchStateFile {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @CheckForNull
    private final Path file;

    /** @param file where the state is kept, or null to keep it in memory only (a restart starts afresh) */
    public WatchStateFile(@CheckForNull final Path file) {
        this.file = file;
    }

    /** The saved state, or an empty one when the file does not exist yet or is empty (made by mktemp). */
    public WatchState load() {
        if (file == null) {
            return WatchState.empty();
        }
        try {
            var bytes = Files.readAllBytes(file);
            return bytes.length == 0 ? WatchState.empty() : MAPPER.readValue(bytes, WatchState.class);
        }
        catch (NoSuchFileException e) {
            return WatchState.empty();
        }
        catch (JsonProcessingException e) { // also a missing field: the records refuse null
            throw new InputException("the watch state %s is not one (%s); move it away to start afresh", file,
                    SafeText.quote(String.valueOf(e.getOriginalMessage())));
        }
        catch (IOException e) {
            throw new InputException("cannot read the watch state %s: %s", file, SafeText.quote(String.valueOf(e.getMessage())));
        }
    }

    public void save(final WatchState state) {
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsBytes(state));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the watch state " + file + ": " + e.getMessage(), e);
        }
    }
}
