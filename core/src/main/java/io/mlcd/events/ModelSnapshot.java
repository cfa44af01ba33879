package io.mlcd.events;

import io.mlcd.registry.ModelVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the poller last saw of one model: its versions with their tags, and its aliases. Tag values
 * are kept as short hashes: enough to see a change, small in the state file, and no tag value
 * (which might be sensitive) is copied into it.
 *
 * @param versions version → tag key → hash of the value
 * @param aliases  alias → version
 */
public record ModelSnapshot(Map<String, Map<String, String>> versions, Map<String, String> aliases) {
    public ModelSnapshot {
        var copy = new TreeMap<String, Map<String, String>>();
        versions.forEach((version, tags) -> copy.put(version, Collections.unmodifiableMap(new TreeMap<>(tags))));
        versions = Collections.unmodifiableMap(copy);
        aliases = Collections.unmodifiableMap(new TreeMap<>(aliases));
    }

    public static ModelSnapshot empty() {
        return new ModelSnapshot(Map.of(), Map.of());
    }

    /** The registry's versions and aliases of a model as they are now. */
    public static ModelSnapshot of(final List<ModelVersion> versions, final Map<String, String> aliases) {
        var seen = new TreeMap<String, Map<String, String>>();
        versions.forEach(version -> seen.put(version.version(), hashes(version.tags())));
        return new ModelSnapshot(seen, aliases);
    }

    /** This snapshot with the event's change made, so a cursor advances one event at a time. */
    public ModelSnapshot apply(final ModelEvent event) {
        var nextVersions = new TreeMap<>(versions);
        var nextAliases = new TreeMap<>(aliases);
        switch (event.type()) {
            case MODEL_VERSION_CREATED -> nextVersions.put(event.version(), hashes(event.tags()));
            case MODEL_VERSION_TAG_SET, MODEL_VERSION_TAG_DELETED -> {
                var tags = new TreeMap<>(nextVersions.getOrDefault(event.version(), Map.of()));
                var key = event.tagKey().orElseThrow();
                if (event.type() == EventType.MODEL_VERSION_TAG_SET) {
                    tags.put(key, hash(event.tags().get(key)));
                }
                else {
                    tags.remove(key);
                }
                nextVersions.put(event.version(), tags);
            }
            case MODEL_VERSION_ALIAS_CREATED -> nextAliases.put(event.alias(), event.version());
            case MODEL_VERSION_ALIAS_DELETED -> nextAliases.remove(event.alias());
            default -> {
                return this;
            }
        }
        return new ModelSnapshot(nextVersions, nextAliases);
    }

    static Map<String, String> hashes(final Map<String, String> tags) {
        var hashes = new TreeMap<String, String>();
        tags.forEach((key, value) -> hashes.put(key, hash(value)));
        return hashes;
    }

    /** 64 bits of SHA-256: a change to a tag is missed only by a collision no one can aim for without the value. */
    static String hash(final String value) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
