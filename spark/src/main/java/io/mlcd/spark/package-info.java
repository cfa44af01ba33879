/**
 * mlcd on Apache Spark: profiles, drift and data validation of a {@code Dataset<Row>}, each
 * partition worked by core's engine and the partial results merged in partition order, so
 * verdicts equal the single-machine ones; {@link io.mlcd.spark.Main} is the spark-submit entry.
 */
@DefaultAnnotation(NonNull.class)
package io.mlcd.spark;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
