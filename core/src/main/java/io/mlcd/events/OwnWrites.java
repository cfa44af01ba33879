package io.mlcd.events;

import java.util.Map;

/**
 * Loop prevention: recognises events that mlcd itself caused from a pipeline identified by
 * {@code identity}, so that a job started by an event does not start itself again with what it
 * writes (the {@code champion} alias its {@code promote} moves, the version its {@code register}
 * creates). mlcd records who wrote a version: {@code mlcd.ci.build_url} when {@code register}
 * created it, {@code mlcd.promotion.by} (default: the build URL) and {@code mlcd.promotion.alias}
 * when {@code promote} moved an alias to it. An event is mlcd's own when that record starts with
 * {@code identity} (e.g. the job's URL {@code https://ci.example.com/job/deploy/}, matching every
 * build of the job, or a marker such as {@code watch:churn} given to {@code promote --by}):
 * <ul>
 *   <li>{@code model_version.created}: the new version's {@code mlcd.ci.build_url} does;</li>
 *   <li>{@code model_version_alias.created}: the version's {@code mlcd.promotion.alias} is the alias
 *       and its {@code mlcd.promotion.by} does (a later move by hand to the same version is therefore
 *       also taken for mlcd's own until another promotion records another identity);</li>
 *   <li>{@code model_version_tag.set/deleted} of an {@code mlcd.*} tag: the version's build URL or
 *       promotion identity does (the records mlcd's steps write on the version they work on).</li>
 * </ul>
 * Alias deletions and registered-model creations carry no version and are never taken for mlcd's own.
 */
public final class OwnWrites {
    public static final String BUILD_URL_TAG = "mlcd.ci.build_url";
    public static final String PROMOTED_BY_TAG = "mlcd.promotion.by";
    public static final String PROMOTED_ALIAS_TAG = "mlcd.promotion.alias";

    /** A version's tags as the registry holds them now; empty when the version does not exist. */
    @FunctionalInterface
    public interface VersionTags {
        Map<String, String> of(String model, String version);
    }

    private final String identity;
    private final VersionTags lookup;

    public OwnWrites(final String identity, final VersionTags lookup) {
        if (identity.isBlank()) {
            throw new io.mlcd.util.InputException("the identity of mlcd's own writes is empty: it would match every "
                    + "version mlcd ever wrote");
        }
        this.identity = identity;
        this.lookup = lookup;
    }

    /** Whether mlcd caused this event from the pipeline with this identity; may read the version's tags. */
    public boolean caused(final ModelEvent event) {
        return switch (event.type()) {
            case MODEL_VERSION_CREATED -> startsWith(event.tags().get(BUILD_URL_TAG));
            case MODEL_VERSION_ALIAS_CREATED -> {
                var tags = lookup.of(event.model(), event.version());
                yield event.alias().equals(tags.get(PROMOTED_ALIAS_TAG)) && startsWith(tags.get(PROMOTED_BY_TAG));
            }
            case MODEL_VERSION_TAG_SET, MODEL_VERSION_TAG_DELETED -> {
                if (!event.tagKey().orElse("").startsWith("mlcd.")) {
                    yield false;
                }
                var tags = lookup.of(event.model(), event.version());
                yield startsWith(tags.get(BUILD_URL_TAG)) || startsWith(tags.get(PROMOTED_BY_TAG));
            }
            default -> false;
        };
    }

    private boolean startsWith(@edu.umd.cs.findbugs.annotations.CheckForNull final String recorded) {
        return recorded != null && recorded.startsWith(identity);
    }

    @Override
    public String toString() {
        return "mlcd's own writes from " + identity;
    }
}
