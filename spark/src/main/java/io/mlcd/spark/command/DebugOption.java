package io.mlcd.spark.command;

import picocli.CommandLine.Option;

/** {@code --debug}, shared by all commands; {@link ErrorHandler} reads it from the parse result. */
public final class DebugOption {
    @Option(names = "--debug", description = "Print stack traces of unexpected errors.")
    private boolean debug;
}
