/**
 * Scoring a served model: rows read into a {@link io.mlcd.scoring.Frame}, sent in batches to an
 * endpoint that speaks MLflow's scoring protocol ({@link io.mlcd.scoring.HttpScorer}), possibly
 * started for the run ({@link io.mlcd.scoring.ServedModel}), and the answers as
 * {@link io.mlcd.scoring.Predictions}. Shared by {@code validate --model-url} and {@code robustness}.
 */
@DefaultAnnotation(NonNull.class)
package io.mlcd.scoring;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
