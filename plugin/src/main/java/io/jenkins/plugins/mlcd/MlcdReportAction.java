package io.jenkins.plugins.mlcd;

import hudson.model.Item;
import hudson.model.Run;
import io.mlcd.report.ReportDigest;
import io.mlcd.report.ReportNames;
import io.mlcd.step.ReportLink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * One step's report on the build: verdict, summary, key numbers and MLflow links on the build
 * page (summary.jelly), the engine's HTML report at {@code <build>/mlcd-<step>/} (index.jelly
 * frames {@link #doReport}; the page itself is a file in the build's folder).
 * The page is mlcd's own, with every value escaped; it is served with a policy that forbids
 * scripts, and only to those who may read the job.
 */
public final class MlcdReportAction implements RunAction2 {
    private final String step;
    private final String urlName;
    private final String verdict;
    private final String summary;
    private final ArrayList<String> headline;
    private final ArrayList<Link> links;
    private transient Run<?, ?> run;

    private MlcdReportAction(final String step, final String urlName, final String verdict, final String summary,
            final List<String> headline, final List<Link> links) {
        this.step = step;
        this.urlName = urlName;
        this.verdict = verdict;
        this.summary = summary;
        this.headline = new ArrayList<>(headline);
        this.links = new ArrayList<>(links);
    }

    /**
     * Adds the report of a step run, under a URL name of its own: taken and added under the
     * build's lock, since steps in parallel branches publish at the same time.
     *
     * @param links the MLflow run and model version the report is about
     */
    static MlcdReportAction attach(final Run<?, ?> run, final String step, final ReportDigest report,
            final List<ReportLink> links, final String html) throws IOException {
        MlcdReportAction action;
        synchronized (run) {
            var taken = run.getActions(MlcdReportAction.class).stream().map(MlcdReportAction::getUrlName).toList();
            action = new MlcdReportAction(step, ReportNames.next(step, taken), report.verdict(), report.summary(),
                    report.headlineText(), links.stream().map(link -> new Link(link.label(), link.url())).toList());
            Files.writeString(action.page(run), html, StandardCharsets.UTF_8); // beside build.xml, not in it
            run.addAction(action);
        }
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

    public List<String> getHeadline() {
        return List.copyOf(headline);
    }

    /** The key numbers ("roc_auc 0.9123") on one line, for the build page. */
    public String getHeadlineText() {
        return String.join(" · ", headline);
    }

    public List<Link> getLinks() {
        return List.copyOf(links);
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
        var page = page(run);
        if (!Files.isRegularFile(page)) {
            response.sendError(404, "the report of this step is gone from the build's folder");
            return;
        }
        response.getWriter().write(Files.readString(page, StandardCharsets.UTF_8));
    }

    private Path page(final Run<?, ?> owner) {
        return owner.getRootDir().toPath().resolve(urlName + ".html");
    }

    /** A link to the MLflow UI (plain strings, so build.xml holds only those). */
    public static final class Link {
        private final String label;
        private final String url;

        Link(final String label, final String url) {
            this.label = label;
            this.url = url;
        }

        public String getLabel() {
            return label;
        }

        public String getUrl() {
            return url;
        }
    }
}
