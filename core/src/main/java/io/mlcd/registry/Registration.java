package io.mlcd.registry;

/**
 * The outcome of {@code mlcd register}.
 *
 * @param created false when an earlier registration of the same run and build was found and reused
 */
public record Registration(ModelVersion version, boolean created) {
}
