package io.mlcd.canary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The rollout's state file: small JSON, replaced atomically after every transition. */
public final class RolloutStore {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public RolloutStore(final Path file) {
        this.file = file;
    }

    public Optional<RolloutState> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(file.toFile(), RolloutState.class));
        }
        catch (IOException e) {
            throw new InputException("cannot read the rollout state %s: %s", file, e.getMessage());
        }
    }

    void save(final RolloutState state) {
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsString(state));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the rollout state " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }
}
