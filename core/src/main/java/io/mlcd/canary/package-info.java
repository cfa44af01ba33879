/**
 * Progressive delivery of a model version: rollout steps, canary-versus-baseline analysis with
 * statistical decisions, routers, metric sources and deployers behind small interfaces.
 */
@DefaultAnnotation(NonNull.class)
package io.mlcd.canary;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
