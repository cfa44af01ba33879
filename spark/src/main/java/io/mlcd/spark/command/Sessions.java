package io.mlcd.spark.command;

import org.apache.spark.sql.SparkSession;

/** The Spark session a command works in: spark-submit's (master and settings from its arguments), or one already running. */
public final class Sessions {
    private Sessions() {
    }

    public static SparkSession session(final String command) {
        return SparkSession.builder().appName("mlcd " + command).getOrCreate();
    }
}
