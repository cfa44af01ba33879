/** The shared gate model: expressions, severities, outcomes, verdicts and their evaluation. */
@DefaultAnnotation(NonNull.class)
package io.mlcd.gate;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
