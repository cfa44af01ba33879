/**
 * A step end to end, as the Jenkins steps run it beyond any one capability: the work done in a
 * workspace (on the agent, where the files are), the record of its report in MLflow with links
 * into the MLflow UI, the end of a canary rollout, and the texts a step shows. The plugin only
 * binds these to Jenkins.
 */
@DefaultAnnotation(NonNull.class)
package io.mlcd.step;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
