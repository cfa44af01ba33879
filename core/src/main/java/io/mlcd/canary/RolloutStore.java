package io.mlcd.canary;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
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

    /**
     * The saved state, if the file exists.
     *
     * @throws InputException in one line naming the file and what is wrong with it, when it cannot
     *                        be read or holds no rollout state
     */
    public Optional<RolloutState> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        RolloutState state;
        try {
            state = MAPPER.readValue(Files.readAllBytes(file), RolloutState.class);
        }
        catch (JsonProcessingException e) {
            throw new InputException("the rollout state %s is damaged: %s", file, problem(e));
        }
        catch (IOException e) {
            throw new InputException("cannot read the rollout state %s: %s", file, e instanceof AccessDeniedException
                    ? "permission denied" : Files.isDirectory(file) ? "it is a directory" : e.getMessage());
        }
        if (state == null || state.status() == null || state.updatedAt() == null) {
            throw new InputException("the rollout state %s is damaged: fields are missing (a state has status, step, "
                    + "weight, history and updatedAt)", file);
        }
        return Optional.of(state);
    }

    /** What is wrong, in the file's own terms: no Java class names, which mean nothing to its reader. */
    private static String problem(final JsonProcessingException e) {
        var where = e.getLocation() == null ? ""
                : String.format(java.util.Locale.ROOT, " (line %d, column %d)", e.getLocation().getLineNr(),
                        e.getLocation().getColumnNr());
        if (e instanceof JsonParseException) {
            return "not valid JSON" + where;
        }
        if (e instanceof MismatchedInputException && e.getMessage().startsWith("No content")) {
            return "the file is empty";
        }
        if (e instanceof ValueInstantiationException) {
            return "fields are missing (a state has status, step, weight, history and updatedAt)";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'" + where;
        }
        var path = e instanceof JsonMappingException mapping ? mapping.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining(".")).replace(".[", "[") : "";
        return (path.isEmpty() ? "not a rollout state" : "field '" + path + "' has a wrong value") + where;
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
