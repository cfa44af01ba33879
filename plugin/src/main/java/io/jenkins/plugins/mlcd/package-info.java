/**
 * The mlcd Jenkins plugin: Pipeline steps, build actions, views and global configuration
 * for continuous delivery of machine-learning models.
 *
 * <p>This package is thin glue. Metrics, gates, drift tests, canary analysis and MLflow
 * records live in {@code mlcd-core} (package {@code io.mlcd}), which never depends on
 * Jenkins; classes here adapt it to Jenkins: they read step arguments, run the engine on
 * the agent, and turn its verdict into a build and stage result.
 */
package io.jenkins.plugins.mlcd;
