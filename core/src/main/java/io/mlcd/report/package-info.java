/** Human and machine views of a report: HTML with inline SVG, JUnit XML. */
@DefaultAnnotation(NonNull.class)
package io.mlcd.report;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
