package io.mlcd.spark.command;

import picocli.CommandLine.Option;

/** {@code -h/--help} alone: {@code --version} names a model version in these commands. */
public final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;
}
