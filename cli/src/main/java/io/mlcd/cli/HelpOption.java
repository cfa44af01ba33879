package io.mlcd.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} alone: commands that take a model {@code --version} cannot use picocli's
 * standard help options, which claim {@code --version} for mlcd's own version.
 */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    private boolean help;
}
