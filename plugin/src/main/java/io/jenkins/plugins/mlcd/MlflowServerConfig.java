package io.jenkins.plugins.mlcd;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.mlcd.registry.Mlflow;
import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.MlflowCredentials;
import io.mlcd.registry.MlflowException;
import io.mlcd.util.InputException;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * One MLflow tracking server in the global configuration: a name steps refer to, its URI, and
 * the id of a credential (secret text: a bearer token; username with password: basic auth).
 */
public final class MlflowServerConfig implements Describable<MlflowServerConfig> {
    private final String name;
    private final String trackingUri;
    private String credentialsId;
    private String caCertificates;
    private String webhookCredentialsId;

    @DataBoundConstructor
    public MlflowServerConfig(final String name, final String trackingUri) {
        this.name = name;
        this.trackingUri = trackingUri;
    }

    public String getName() {
        return name;
    }

    public String getTrackingUri() {
        return trackingUri;
    }

    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(final String credentialsId) {
        this.credentialsId = credentialsId == null || credentialsId.isBlank() ? null : credentialsId;
    }

    @CheckForNull
    public String getCaCertificates() {
        return caCertificates;
    }

    /**
     * PEM certificates of a private certificate authority that the server's TLS certificate chains
     * to; empty: Java's trust store. Public data, not a secret.
     */
    @DataBoundSetter
    public void setCaCertificates(final String caCertificates) {
        this.caCertificates = caCertificates == null || caCertificates.isBlank() ? null
                : caCertificates.strip().replace("\r\n", "\n"); // a form posts CRLF
    }

    @CheckForNull
    public String getWebhookCredentialsId() {
        return webhookCredentialsId;
    }

    /** The secret text MLflow signs this server's webhooks with (see {@link ModelWebhook}); empty: no webhooks. */
    @DataBoundSetter
    public void setWebhookCredentialsId(final String webhookCredentialsId) {
        this.webhookCredentialsId = webhookCredentialsId == null || webhookCredentialsId.isBlank() ? null
                : webhookCredentialsId;
    }

    /**
     * The webhook secret, looked up as Jenkins itself: any scope, System included (no build ever
     * needs it); null when none is configured, the credential is gone or its secret is empty (an
     * empty secret would sign nothing: the server has no webhooks).
     */
    @CheckForNull
    Secret webhookSecret() {
        var secret = webhookCredentialsId == null ? null : secretText(webhookCredentialsId);
        return secret == null || secret.getPlainText().isEmpty() ? null : secret;
    }

    @CheckForNull
    private static Secret secretText(final String id) {
        var credential = CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(
                StringCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()), CredentialsMatchers.withId(id));
        return credential == null ? null : credential.getSecret();
    }

    /** The connection with a credential already looked up (null: none); TLS is always verified. */
    MlflowConnection connection(@CheckForNull final StandardCredentials credentials) {
        return connection(trackingUri, credentials, caCertificates);
    }

    static MlflowConnection connection(final String uri, @CheckForNull final StandardCredentials credentials,
            @CheckForNull final String caCertificates) {
        var login = login(credentials);
        return (login == null ? MlflowCredentials.NONE : login).connection(URI.create(uri.strip()))
                .trusting(caCertificates);
    }

    /** The credential as MLflow takes it, a token or a user name with password; null for another kind. */
    @CheckForNull
    static MlflowCredentials login(@CheckForNull final StandardCredentials credentials) {
        if (credentials instanceof StringCredentials token) {
            return MlflowCredentials.token(token.getSecret().getPlainText());
        }
        if (credentials instanceof StandardUsernamePasswordCredentials pair) {
            return MlflowCredentials.basic(pair.getUsername(), pair.getPassword().getPlainText());
        }
        return credentials == null ? MlflowCredentials.NONE : null;
    }

    /** The credential's secret, the token or the password, as the credential keeps it; null for none. */
    @CheckForNull
    static Secret secret(@CheckForNull final StandardCredentials credentials) {
        return credentials instanceof StringCredentials token ? token.getSecret()
                : credentials instanceof StandardUsernamePasswordCredentials pair ? pair.getPassword() : null;
    }

    @Extension
    @Symbol("mlflowServer")
    public static final class DescriptorImpl extends Descriptor<MlflowServerConfig> {
        /**
         * Credentials a build can use: a token or a username with password, not of System scope,
         * which a build's lookup ({@code findCredentialById} with the build) never returns.
         */
        private static final CredentialsMatcher USABLE = CredentialsMatchers.allOf(
                CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(StringCredentials.class),
                        CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class)),
                CredentialsMatchers.not(CredentialsMatchers.withScope(CredentialsScope.SYSTEM)));

        @NonNull
        @Override
        public String getDisplayName() {
            return "MLflow server";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter final String credentialsId) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return new StandardListBoxModel().includeCurrentValue(credentialsId);
            }
            return new StandardListBoxModel().includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), USABLE)
                    .includeCurrentValue(credentialsId);
        }

        /** Secret text of any scope: only Jenkins itself reads the webhook secret. */
        @POST
        public ListBoxModel doFillWebhookCredentialsIdItems(@QueryParameter final String webhookCredentialsId) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                return new StandardListBoxModel().includeCurrentValue(webhookCredentialsId);
            }
            return new StandardListBoxModel().includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.of(),
                            CredentialsMatchers.instanceOf(StringCredentials.class))
                    .includeCurrentValue(webhookCredentialsId);
        }

        @POST
        public FormValidation doCheckWebhookCredentialsId(@QueryParameter final String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER) || value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            var secret = secretText(value);
            if (secret == null) {
                return FormValidation.error("No secret text credential '" + value + "'");
            }
            return secret.getPlainText().isEmpty() ? FormValidation.error("The secret text of '" + value
                    + "' is empty: MLflow would sign nothing, so no delivery could be trusted") : FormValidation.ok();
        }

        @POST
        public FormValidation doCheckTrackingUri(@QueryParameter final String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return check(() -> MlflowConnection.checkTrackingUri(value).map(FormValidation::warning)
                    .orElse(FormValidation.ok()));
        }

        @POST
        public FormValidation doCheckCaCertificates(@QueryParameter final String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            return check(() -> {
                if (value != null && !value.isBlank()) {
                    MlflowConnection.checkCertificates(value);
                }
                return FormValidation.ok();
            });
        }

        /** Calls the server once with the chosen credential; the answer never shows the secret. */
        @POST
        public FormValidation doTestConnection(@QueryParameter final String trackingUri,
                @QueryParameter final String credentialsId, @QueryParameter final String caCertificates) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            StandardCredentials credentials = credentialsId == null || credentialsId.isBlank() ? null
                    : CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(
                            StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2, List.of()),
                            CredentialsMatchers.allOf(USABLE, CredentialsMatchers.withId(credentialsId)));
            if (credentialsId != null && !credentialsId.isBlank() && credentials == null) {
                return FormValidation.error("No credential '" + credentialsId + "' that builds may use: a token "
                        + "or username with password, not of System scope (which only Jenkins itself may use).");
            }
            return check(() -> {
                new Mlflow(connection(trackingUri, credentials, caCertificates)).ping();
                return FormValidation.ok("Connected to " + trackingUri.strip());
            });
        }

        /** The form's answer; what core refuses is its error. */
        private static FormValidation check(final Supplier<FormValidation> check) {
            try {
                return check.get();
            }
            catch (InputException | MlflowException | IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
