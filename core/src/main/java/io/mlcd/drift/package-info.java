/** Data drift: streaming column profiles with mergeable sketches, drift tests, dataset drift. */
@DefaultAnnotation(NonNull.class)
package io.mlcd.drift;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
