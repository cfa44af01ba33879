package io.jenkins.plugins.mlcd;

import edu.hm.hafner.echarts.BuildResult;
import edu.hm.hafner.echarts.ChartModelConfiguration;
import edu.hm.hafner.echarts.line.LineSeries;
import edu.hm.hafner.echarts.line.LinesChartModel;
import edu.hm.hafner.echarts.line.SeriesBuilder;
import hudson.model.Job;
import io.jenkins.plugins.echarts.JenkinsPalette;
import io.jenkins.plugins.echarts.TrendChartJobAction;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The job page's chart of mlcd's headline metrics (roc_auc, drift_share, …) across builds. */
public final class MetricsTrendJobAction extends TrendChartJobAction<MetricsBuildAction> {
    MetricsTrendJobAction(final Job<?, ?> owner) {
        super(owner, MetricsBuildAction.class);
    }

    @Override
    public String getUrlName() {
        return MetricsBuildAction.URL;
    }

    @Override
    public String getDisplayName() {
        return "mlcd metrics trend";
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    protected LinesChartModel createChartModel(final String configuration) {
        var chart = ChartModelConfiguration.fromJson(configuration);
        var history = createBuildHistory();
        var dataSet = new Series(metricsOfEvery(history, chart)).createDataSet(chart, history);
        var model = new LinesChartModel(dataSet);
        var index = 0;
        for (String id : dataSet.getDataSetIds()) {
            model.addSeries(new LineSeries(id, JenkinsPalette.chartColor(index++).normal(), LineSeries.StackedMode.SEPARATE_LINES,
                    LineSeries.FilledMode.LINES, dataSet.getSeries(id)));
        }
        model.useContinuousRangeAxis();
        return model;
    }

    /**
     * The metrics every charted build has: echarts plots a metric a build lacks as 0.0, which would
     * read as a perfect rmse or drift_share.
     */
    private static Set<String> metricsOfEvery(final Iterable<? extends BuildResult<MetricsBuildAction>> history,
            final ChartModelConfiguration chart) {
        Set<String> shared = null;
        var count = 0;
        for (BuildResult<MetricsBuildAction> build : history) {
            if (chart.isBuildCountDefined() && count++ >= chart.getBuildCount()) {
                break;
            }
            var metrics = build.getResult().getResult().getValues().keySet();
            if (shared == null) {
                shared = new LinkedHashSet<>(metrics);
            }
            else {
                shared.retainAll(metrics);
            }
        }
        return shared == null ? Set.of() : shared;
    }

    /** One value per headline metric the build recorded, of those every charted build has. */
    private static final class Series extends SeriesBuilder<MetricsBuildAction> {
        private final Set<String> charted;

        Series(final Set<String> charted) {
            this.charted = charted;
        }

        @Override
        protected Map<String, Double> computeSeries(final MetricsBuildAction current) {
            var values = new LinkedHashMap<>(current.getResult().getValues());
            values.keySet().retainAll(charted);
            return values;
        }
    }
}
