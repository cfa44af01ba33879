/**
 * The robustness gate: perturbations of tabular inputs bounded by the training profile, a seeded
 * perturber, the runner that scores original and perturbed rows with a served model, and the
 * statistics (flip rates, changes of score and metrics, weak segments) that gates judge.
 */
@DefaultAnnotation(NonNull.class)
package io.mlcd.robustness;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
