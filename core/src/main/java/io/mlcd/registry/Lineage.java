package io.mlcd.registry;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.mlcd.util.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model version came from besides its run: the CI build (Jenkins, GitHub Actions or
 * GitLab CI, read from their standard variables), the git commit, and SHA-256 hashes of data files.
 *
 * @param data file name to SHA-256 (hex)
 */
public record Lineage(@CheckForNull String buildUrl, @CheckForNull String job, @CheckForNull String buildNumber,
        @CheckForNull String gitCommit, Map<String, String> data) {
    public Lineage {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** The build as the CI system describes it in its environment; empty outside CI. */
    public static Lineage fromEnvironment(final Map<String, String> env) {
        if (env.containsKey("BUILD_URL")) { // Jenkins
            return new Lineage(env.get("BUILD_URL"), env.get("JOB_NAME"), env.get("BUILD_NUMBER"),
                    env.get("GIT_COMMIT"), Map.of());
        }
        if (env.containsKey("GITHUB_RUN_ID")) {
            var url = env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY") + "/actions/runs/"
                    + env.get("GITHUB_RUN_ID");
            return new Lineage(url, env.get("GITHUB_REPOSITORY") + "/" + env.get("GITHUB_WORKFLOW"),
                    env.get("GITHUB_RUN_NUMBER"), env.get("GITHUB_SHA"), Map.of());
        }
        if (env.containsKey("CI_JOB_URL")) { // GitLab CI
            return new Lineage(env.get("CI_JOB_URL"), env.get("CI_PROJECT_PATH") + "/" + env.get("CI_JOB_NAME"),
                    env.get("CI_PIPELINE_IID"), env.get("CI_COMMIT_SHA"), Map.of());
        }
        return new Lineage(null, null, null, null, Map.of());
    }

    public Lineage withCommit(@CheckForNull final String commit) {
        return commit == null ? this : new Lineage(buildUrl, job, buildNumber, commit, data);
    }

    /** Adds the SHA-256 of a data file, under its file name. */
    public Lineage withData(final Path file) {
        return withDataHashes(Map.of(file.getFileName().toString(), sha256(file)));
    }

    /** Adds data files' SHA-256 computed elsewhere (e.g. on a Jenkins agent, where the files are): file name to hex. */
    public Lineage withDataHashes(final Map<String, String> hashes) {
        var more = new LinkedHashMap<>(data);
        more.putAll(hashes);
        return new Lineage(buildUrl, job, buildNumber, gitCommit, more);
    }

    /** The build that registers, for idempotence: a re-run of the same build finds its own version. */
    public String buildKey() {
        return buildUrl == null ? "no CI build" : buildUrl;
    }

    /** The lineage as {@code mlcd.ci.*}, {@code mlcd.git.commit} and {@code mlcd.data.*} tags. */
    public Map<String, String> tags() {
        var tags = new LinkedHashMap<String, String>();
        put(tags, "mlcd.ci.build_url", buildUrl);
        put(tags, "mlcd.ci.job", job);
        put(tags, "mlcd.ci.build_number", buildNumber);
        put(tags, "mlcd.git.commit", gitCommit);
        data.forEach((name, hash) -> tags.put("mlcd.data." + RunRecorder.metricKey(name) + ".sha256", hash));
        return tags;
    }

    private static void put(final Map<String, String> tags, final String key, @CheckForNull final String value) {
        if (value != null && !value.isBlank()) {
            tags.put(key, value);
        }
    }


    /** The SHA-256 (hex) of a file's bytes. */
    public static String sha256(final Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            var digest = MessageDigest.getInstance("SHA-256");
            var buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (IOException e) {
            throw new InputException("cannot read the data file %s: %s", file, e.getMessage());
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
