package io.jenkins.plugins.mlcd;

import edu.hm.hafner.echarts.ChartModelConfiguration;
import edu.hm.hafner.echarts.line.LineSeries;
import edu.hm.hafner.echarts.line.LinesChartModel;
import edu.hm.hafner.echarts.line.SeriesBuilder;
import hudson.model.Job;
import io.jenkins.plugins.echarts.JenkinsPalette;
import io.jenkins.plugins.echarts.TrendChartJobAction;
import java.util.LinkedHashMap;
import java.util.Map;

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
        var dataSet = new Series().createDataSet(ChartModelConfiguration.fromJson(configuration), createBuildHistory());
        var model = new LinesChartModel(dataSet);
        var index = 0;
        for (String id : dataSet.getDataSetIds()) {
            model.addSeries(new LineSeries(id, JenkinsPalette.chartColor(index++).normal(), LineSeries.StackedMode.SEPARATE_LINES,
                    LineSeries.FilledMode.LINES, dataSet.getSeries(id)));
        }
        model.useContinuousRangeAxis();
        return model;
    }

    /** One value per headline metric the build recorded. */
    private static final class Series extends SeriesBuilder<MetricsBuildAction> {
        @Override
        protected Map<String, Double> computeSeries(final MetricsBuildAction current) {
            return new LinkedHashMap<>(current.getResult().getValues());
        }
    }
}
