/**
 * The spark-submit commands of {@link io.mlcd.spark.Main} and the options they share, named as
 * the CLI's; a command reads its input with Spark and hands it to the library API.
 */
@DefaultAnnotation(NonNull.class)
package io.mlcd.spark.command;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
