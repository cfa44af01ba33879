/**
 * The registry starts work: MLflow webhook deliveries verified as MLflow signs them, a poller for
 * servers that send none, the cursor that lets a restarted watcher neither replay nor miss an
 * event, and the filters (which events, and which ones mlcd's own pipeline caused).
 */
@DefaultAnnotation(NonNull.class)
package io.mlcd.events;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
