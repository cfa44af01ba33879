/** Streaming readers for tabular input files (CSV, JSON Lines). */
@DefaultAnnotation(NonNull.class)
package io.mlcd.data;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
