/** MLflow as the system of record: the tracking server connection and the records steps write to runs. */
@DefaultAnnotation(NonNull.class)
package io.mlcd.registry;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
