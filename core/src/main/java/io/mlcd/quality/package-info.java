/**
 * Data validation: the schema a batch of data must meet ({@link io.mlcd.quality.DataSchema}, its
 * constraints and YAML form), inferring it from data or profiles, and checking a batch against it.
 */
@DefaultAnnotation(NonNull.class)
package io.mlcd.quality;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
