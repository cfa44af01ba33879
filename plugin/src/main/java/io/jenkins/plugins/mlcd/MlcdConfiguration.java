package io.jenkins.plugins.mlcd;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * mlcd's global configuration (Manage Jenkins, and JCasC under {@code unclassified: mlcd:}): the
 * MLflow servers steps may use, and which one they use when they name none.
 */
@Extension
@Symbol("mlcd")
public class MlcdConfiguration extends GlobalConfiguration {
    private List<MlflowServerConfig> servers = new ArrayList<>();
    private String defaultServer;

    public MlcdConfiguration() {
        load();
    }

    public static MlcdConfiguration get() {
        return ExtensionList.lookupSingleton(MlcdConfiguration.class);
    }

    public List<MlflowServerConfig> getServers() {
        return servers;
    }

    @DataBoundSetter
    public void setServers(final List<MlflowServerConfig> servers) {
        this.servers = new ArrayList<>(servers);
        save();
    }

    /**
     * The form sends no {@code servers} at all once the last one is deleted, and binding calls no
     * setter for a missing key: so the list starts empty and the form fills it.
     */
    @Override
    public boolean configure(final StaplerRequest2 request, final JSONObject json) throws FormException {
        servers = new ArrayList<>();
        return super.configure(request, json);
    }

    @CheckForNull
    public String getDefaultServer() {
        return defaultServer;
    }

    @DataBoundSetter
    public void setDefaultServer(final String defaultServer) {
        this.defaultServer = defaultServer == null || defaultServer.isBlank() ? null : defaultServer;
        save();
    }

    /** The server of this name; without a name, the default one, else the only one. */
    public Optional<MlflowServerConfig> server(@CheckForNull final String name) {
        var wanted = name != null && !name.isBlank() ? name : defaultServer;
        if (wanted == null) {
            return servers.size() == 1 ? Optional.of(servers.get(0)) : Optional.empty();
        }
        return servers.stream().filter(server -> server.getName().equals(wanted)).findFirst();
    }
}
