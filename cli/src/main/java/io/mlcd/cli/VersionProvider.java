package io.mlcd.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        var version = Mlcd.class.getPackage().getImplementationVersion();
        return new String[] {"mlcd " + (version == null ? "dev" : version)};
    }
}
