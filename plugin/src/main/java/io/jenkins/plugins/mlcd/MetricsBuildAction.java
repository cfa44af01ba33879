package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.util.AbstractXmlStream;
import io.jenkins.plugins.util.BuildAction;
import io.jenkins.plugins.util.JobAction;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Keeps a build's headline metrics (in {@code mlcd-metrics.xml} beside build.xml) for the job's
 * trend chart, and shows them at {@code <build>/mlcd-trend/}, where the job's trend links to.
 * Not in the build's side panel: the build page lists the reports themselves.
 */
public final class MetricsBuildAction extends BuildAction<MetricsTrend> {
    private static final long serialVersionUID = 1L;
    /**
     * Shared with the job's trend: echarts-api charts the builds whose action has the trend's URL
     * name, and plugin-util-api's job action links to the latest build's action by its name.
     */
    static final String URL = "mlcd-trend";

    MetricsBuildAction(final Run<?, ?> owner, final MetricsTrend result) {
        super(owner, result);
    }

    /**
     * Adds a step's headline metrics to the build's, replacing the earlier action; under the
     * build's lock, since steps in parallel branches add theirs at the same time; saved at once, so
     * that a crash does not lose the trend entry.
     */
    static void add(final Run<?, ?> run, final Map<String, Double> headline) throws IOException {
        if (headline.isEmpty()) {
            return;
        }
        synchronized (run) {
            var earlier = run.getAction(MetricsBuildAction.class);
            var trend = earlier == null ? new MetricsTrend(headline) : earlier.getResult().plus(headline);
            if (earlier != null) {
                run.removeAction(earlier);
            }
            run.addAction(new MetricsBuildAction(run, trend));
        }
        run.save();
    }

    /** The build's reports, linked from the metrics page. */
    public List<MlcdReportAction> getReports() {
        return getOwner().getActions(MlcdReportAction.class);
    }

    @Override
    protected AbstractXmlStream<MetricsTrend> createXmlStream() {
        return new TrendStream();
    }

    @Override
    protected JobAction<? extends BuildAction<MetricsTrend>> createProjectAction() {
        return new MetricsTrendJobAction(getOwner().getParent());
    }

    @Override
    protected String getBuildResultBaseName() {
        return "mlcd-metrics.xml";
    }

    @CheckForNull
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "mlcd metrics";
    }

    @Override
    public String getUrlName() {
        return URL;
    }

    /** Reads and writes the metrics file. */
    private static final class TrendStream extends AbstractXmlStream<MetricsTrend> {
        TrendStream() {
            super(MetricsTrend.class);
        }

        @Override
        protected MetricsTrend createDefaultValue() {
            return new MetricsTrend(Map.of());
        }
    }
}
