/**
 * Model validation of a predictions {@code Dataset<Row>} ({@link io.mlcd.spark.validation.SparkValidation}):
 * the aggregates core's evaluators take (counts, a sorted table of distinct scores walked in
 * segments, exact sums) computed on the executors, so every value equals {@code mlcd validate}'s.
 */
@DefaultAnnotation(NonNull.class)
package io.mlcd.spark.validation;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
