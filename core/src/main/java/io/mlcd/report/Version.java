package io.mlcd.report;

/** The mlcd version, read from the core jar's manifest; "dev" when run from classes. */
final class Version {
    private Version() {
    }

    static String current() {
        var version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
