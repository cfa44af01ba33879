package io.mlcd.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlcd.util.InputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Reads the earlier points of a dataset's history series from an MLflow run, the metrics
 * repository of {@code mlcd validate-data --history N}: {@code data.<dataset>.row_count} and, per
 * column, {@code data.<dataset>.completeness.<col>} and {@code data.<dataset>.mean.<col>}, each as
 * its last N points, oldest first (ordered by timestamp, then step). Keys reach MLflow through
 * the same mapping the recorder writes them with ({@link RunRecorder#metricKey}). One
 * {@code runs/get} tells which series the run has at all, so a first record costs one request;
 * each series that exists is read with {@code metrics/get-history}, page by page where the server
 * pages (MLflow 3), in one answer where it does not (MLflow 2). Points that are not finite numbers
 * (NaN; an infinity, which MLflow stores as the largest double) are left out. Calls are retried as every MLflow call is ({@link MlflowHttp}).
 */
public final class DataHistoryReader {
    /** Points asked for per page: a page of this size is about 1 MB of JSON. */
    static final int PAGE_SIZE = 10_000;

    private static final Comparator<Point> ORDER = Comparator.comparingLong(Point::timestamp)
            .thenComparingLong(Point::step).thenComparingLong(Point::arrival);

    private final Mlflow mlflow;
    private final MlflowHttp http;
    private final int pageSize;

    public DataHistoryReader(final Mlflow mlflow) {
        this(mlflow, PAGE_SIZE);
    }

    DataHistoryReader(final Mlflow mlflow, final int pageSize) {
        this.mlflow = mlflow;
        this.http = mlflow.http();
        this.pageSize = pageSize;
    }

    /**
     * The history series of a dataset in the order they are read and recorded: the row count,
     * then per column its completeness and its mean.
     */
    public static List<String> seriesKeys(final String dataset, final List<String> columns) {
        var keys = new ArrayList<String>();
        keys.add("data." + dataset + ".row_count");
        for (String column : columns) {
            keys.add("data." + dataset + ".completeness." + column);
            keys.add("data." + dataset + ".mean." + column);
        }
        return keys;
    }

    /**
     * @param n how many of the latest points to read per series, at least 1
     * @return every series of {@link #seriesKeys} (as named there, before MLflow's key mapping) to
     *     its last {@code n} points, oldest first; empty when the run has none
     * @throws InputException when two columns reach MLflow under one key, so their histories cannot be told apart
     * @throws MlflowException when the run does not exist or MLflow fails
     */
    public Map<String, List<Double>> read(final String runId, final String dataset, final List<String> columns,
            final int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a history has at least 1 point, got " + n);
        }
        var keys = mlflowKeys(seriesKeys(dataset, columns));
        var logged = mlflow.runs().get(runId).metrics().keySet();
        var history = new LinkedHashMap<String, List<Double>>();
        keys.forEach((key, mlflowKey) -> history.put(key, logged.contains(mlflowKey)
                ? last(runId, mlflowKey, n) : List.of()));
        return Collections.unmodifiableMap(history);
    }

    /**
     * The history recorded on a model version's run, as {@code --model NAME --version N} records it.
     *
     * @throws InputException  when the model has no such version
     * @throws MlflowException when the version has no run or MLflow fails
     */
    public Map<String, List<Double>> readVersion(final String model, final String version, final String dataset,
            final List<String> columns, final int n) {
        var target = Versions.require(mlflow, model, version);
        if (target.runId().isEmpty()) {
            throw new MlflowException("version " + version + " of '" + model + "' has no run to read a history from");
        }
        return read(target.runId(), dataset, columns, n);
    }

    /** Each series key (once, in order) to its MLflow metric key; two keys that become one are refused. */
    private static Map<String, String> mlflowKeys(final List<String> keys) {
        var mapped = new LinkedHashMap<String, String>();
        var owners = new LinkedHashMap<String, String>();
        for (String key : keys) {
            var mlflowKey = RunRecorder.metricKey(key);
            var owner = owners.putIfAbsent(mlflowKey, key);
            if (owner != null && !owner.equals(key)) {
                throw new InputException("'%s' and '%s' are both recorded in MLflow as metric '%s', so their histories "
                        + "cannot be told apart: rename one of the columns", owner, key, mlflowKey);
            }
            mapped.put(key, mlflowKey);
        }
        return mapped;
    }

    /** The last n finite points of one metric, oldest first, holding no more than n of them at a time. */
    private List<Double> last(final String runId, final String key, final int n) {
        var latest = new PriorityQueue<Point>(ORDER);
        var arrival = 0L;
        String token = null;
        do {
            var query = new LinkedHashMap<String, String>();
            query.put("run_id", runId);
            query.put("metric_key", key);
            query.put("max_results", Integer.toString(pageSize));
            if (token != null) {
                query.put("page_token", token);
            }
            var page = http.get("metrics/get-history", query);
            for (JsonNode metric : page.path("metrics")) {
                var value = metric.path("value");
                if (isFinite(value)) {
                    latest.add(new Point(metric.path("timestamp").asLong(), metric.path("step").asLong(), arrival++,
                            value.doubleValue()));
                    if (latest.size() > n) {
                        latest.poll();
                    }
                }
            }
            var next = page.path("next_page_token").asText("");
            if (!next.isEmpty() && (next.equals(token) || page.path("metrics").isEmpty())) {
                throw new MlflowException("GET metrics/get-history of '" + key + "' in run " + runId
                        + " pages without end: the server gave a page token that leads nowhere new");
            }
            token = next.isEmpty() ? null : next;
        }
        while (token != null);
        var points = new ArrayList<>(latest);
        points.sort(ORDER);
        return points.stream().map(Point::value).toList();
    }

    /**
     * Whether a point is a finite number: MLflow answers NaN as text, and stores an infinity as
     * the largest double, which stands for no measurement either.
     */
    private static boolean isFinite(final JsonNode value) {
        return value.isNumber() && Double.isFinite(value.doubleValue()) && Math.abs(value.doubleValue()) != Double.MAX_VALUE;
    }

    /** One logged point; {@code arrival} keeps the server's order among points of the same time and step. */
    private record Point(long timestamp, long step, long arrival, double value) {
    }
}
