/** Shared helpers with no domain knowledge: input errors, progress, number formatting. */
@DefaultAnnotation(NonNull.class)
package io.mlcd.util;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
