/** Model validation: metrics from predictions, fairness across groups, challenger vs champion tests. */
@DefaultAnnotation(NonNull.class)
package io.mlcd.validation;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
