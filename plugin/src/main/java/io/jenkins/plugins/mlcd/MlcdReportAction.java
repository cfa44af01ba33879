package io.jenkins.plugins.mlcd;

import hudson.model.Item;
import hudson.model.Run;
import java.io.IOException;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * One step's report on the build: verdict and summary on the build page (summary.jelly), the
 * engine's HTML report at {@code <build>/mlcd-<step>/} (index.jelly frames {@link #doReport}).
 * The page is mlcd's own, with every value escaped; it is served with a policy that forbids
 * scripts, and only to those who may read the job.
 */
public final class MlcdReportAction implements RunAction2 {
    private final String step;
    private final String urlName;
    private final String verdict;
    private final String summary;
    private final String html;
    private transient Run<?, ?> run;

    private MlcdReportAction(final String step, final String urlName, final String verdict, final String summary,
            final String html) {
        this.step = step;
        this.urlName = urlName;
        this.verdict = verdict;
        this.summary = summary;
        this.html = html;
    }

    /** Adds the report of a step run; a second run of the same step in a build gets its own URL. */
    static MlcdReportAction attach(final Run<?, ?> run, final String step, final String verdict, final String summary,
            final String html) throws IOException {
        var count = run.getActions(MlcdReportAction.class).stream().filter(action -> action.step.equals(step)).count();
        var action = new MlcdReportAction(step, "mlcd-" + step + (count == 0 ? "" : "-" + (count + 1)), verdict,
                summary, html);
        run.addAction(action);
        run.save();
        return action;
    }

    public String getStep() {
        return step;
    }

    public String getVerdict() {
        return verdict;
    }

    public String getSummary() {
        return summary;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-document-text";
    }

    @Override
    public String getDisplayName() {
        return "mlcd " + step + ": " + verdict;
    }

    @Override
    public String getUrlName() {
        return urlName;
    }

    @Override
    public void onAttached(final Run<?, ?> attachedTo) {
        this.run = attachedTo;
    }

    @Override
    public void onLoad(final Run<?, ?> loadedFrom) {
        this.run = loadedFrom;
    }

    /** The report page itself, without scripts: CSP allows only inline styles and data: images. */
    public void doReport(final StaplerRequest2 request, final StaplerResponse2 response) throws IOException {
        run.checkPermission(Item.READ);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(html);
    }
}
