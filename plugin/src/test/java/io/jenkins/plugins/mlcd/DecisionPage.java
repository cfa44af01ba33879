package io.jenkins.plugins.mlcd;

import java.net.URL;
import java.util.List;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/** Answers the build's first pending decision through its web form, as a logged-in user would. */
final class DecisionPage {
    private DecisionPage() {
    }

    /** POSTs {@code answer} ({@code yes} or {@code no}) with a crumb; returns the HTTP status. */
    static int answer(final JenkinsRule j, final WorkflowRun run, final String user, final String answer,
            final String comment) throws Exception {
        var id = run.getAction(ApprovalAction.class).getPending().get(0).question().id();
        var web = j.createWebClient().login(user);
        web.setThrowExceptionOnFailingStatusCode(false);
        var request = new WebRequest(new URL(j.getURL(), run.getUrl() + ApprovalAction.URL + "/decide"),
                HttpMethod.POST);
        request.setRequestParameters(List.of(new NameValuePair("id", id), new NameValuePair("decision", answer),
                new NameValuePair("comment", comment)));
        web.addCrumb(request);
        return web.getPage(request).getWebResponse().getStatusCode();
    }
}
