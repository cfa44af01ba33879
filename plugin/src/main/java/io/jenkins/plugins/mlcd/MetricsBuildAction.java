package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Run;
import io.jenkins.plugins.util.AbstractXmlStream;
import io.jenkins.plugins.util.BuildAction;
import io.jenkins.plugins.util.JobAction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a build's headline metrics (in {@code mlcd-metrics.xml} beside build.xml) so the job page
 * can chart them across builds. Invisible on the build page; the job-level action draws the trend.
 */
public final class MetricsBuildAction extends BuildAction<MetricsTrend> {
    private static final long serialVersionUID = 1L;
    /** The metrics charted when a build has them. */
    static final List<String> HEADLINE = List.of("roc_auc", "pr_auc", "accuracy", "f1", "r2", "rmse", "mae",
            "drift_share");

    MetricsBuildAction(final Run<?, ?> owner, final MetricsTrend result) {
        super(owner, result);
    }

    /** Adds a step's headline metrics to the build's record, replacing the earlier action. */
    static void add(final Run<?, ?> run, final Map<String, Object> metrics) {
        var headline = new LinkedHashMap<String, Double>();
        HEADLINE.forEach(name -> {
            if (metrics.get(name) instanceof Double value && Double.isFinite(value)) {
                headline.put(name, value);
            }
        });
        if (headline.isEmpty()) {
            return;
        }
        var earlier = run.getAction(MetricsBuildAction.class);
        var trend = earlier == null ? new MetricsTrend(headline) : earlier.getResult().plus(headline);
        if (earlier != null) {
            run.removeAction(earlier);
        }
        run.addAction(new MetricsBuildAction(run, trend));
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

    @CheckForNull
    @Override
    public String getUrlName() {
        return null;
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
