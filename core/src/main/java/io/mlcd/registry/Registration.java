package io.mlcd.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of {@code mlcd register}.
 *
 * @param created false when an earlier registration of the same run and build was found and reused
 */
public record Registration(ModelVersion version, boolean created) {
    /** As {@code registerModel} logs it: {@code 'churn' version 7 registered as @challenger}. */
    public String describe(@CheckForNull final String alias) {
        return "'" + version.name() + "' version " + version.version() + (created ? " registered"
                : " already registered by this run and build") + (alias == null ? "" : " as @" + alias);
    }

    /** What {@code registerModel} returns: name, version, created, source, aliases and the version's page. */
    public Map<String, Object> values(final String url) {
        var values = new LinkedHashMap<String, Object>();
        values.put("name", version.name());
        values.put("version", version.version());
        values.put("created", created);
        values.put("source", version.source());
        values.put("aliases", new ArrayList<>(version.aliases()));
        values.put("url", url);
        return values;
    }
}
