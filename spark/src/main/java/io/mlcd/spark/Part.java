package io.mlcd.spark;

import java.io.Serializable;

/**
 * A partial result and the first partition it covers: parts merge only with their neighbours, in
 * partition order, so that what depends on order (a profile's exact values, a scan's first
 * examples) comes out as one pass over the rows in that order would give it.
 *
 * @param first the index of the first partition the value covers
 */
record Part<T extends Serializable>(int first, T value) implements Serializable {
    private static final long serialVersionUID = 1L;
}
