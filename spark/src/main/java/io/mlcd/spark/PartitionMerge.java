package io.mlcd.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Optional;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;
import scala.Tuple2;

/**
 * Merges one partial result per partition into one, in a tree on the cluster: each level groups
 * {@value #FAN_IN} neighbouring parts and merges them in partition order, until few enough are
 * left for the driver. Spark's own {@code treeAggregate} groups partitions by index modulo the
 * level's width, which would merge parts out of order. A part comes only from the attempt of its
 * task that succeeded, so a retried task is never counted twice.
 */
final class PartitionMerge {
    /** Parts merged into one at each level; also the most the driver merges. */
    static final int FAN_IN = 8;

    private PartitionMerge() {
    }

    /**
     * @param parts  at most one part per partition (none for an empty one), numbered by partition
     * @param merge  merges a part with the one right after it
     * @return the merge of all parts, empty when there were none
     */
    static <T extends Serializable> Optional<T> inOrder(final JavaRDD<Part<T>> parts, final Function2<T, T, T> merge) {
        var width = parts.getNumPartitions();
        var current = parts;
        long span = 1; // partitions each part covers at most at this level
        while (width > FAN_IN) {
            var groupSpan = span * FAN_IN;
            var groups = (int) ((width + FAN_IN - 1) / FAN_IN);
            current = current.mapToPair(part -> new Tuple2<>((int) (part.first() / groupSpan), part))
                    .groupByKey(new HashPartitioner(groups))
                    .map(group -> mergeAll(group._2(), merge));
            width = groups;
            span = groupSpan;
        }
        var last = current.collect();
        return last.isEmpty() ? Optional.empty() : Optional.of(mergeAll(last, merge).value());
    }

    private static <T extends Serializable> Part<T> mergeAll(final Iterable<Part<T>> group, final Function2<T, T, T> merge) {
        var sorted = new ArrayList<Part<T>>();
        group.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(Part::first));
        var value = sorted.get(0).value();
        for (Part<T> part : sorted.subList(1, sorted.size())) {
            value = call(merge, value, part.value());
        }
        return new Part<>(sorted.get(0).first(), value);
    }

    private static <T> T call(final Function2<T, T, T> merge, final T first, final T second) {
        try {
            return merge.call(first, second);
        }
        catch (RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            throw new IllegalStateException("merging partial results failed: " + e.getMessage(), e);
        }
    }
}
