package io.mlcd.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mlcd} command: continuous delivery of ML models from any shell or CI system. */
@Command(name = "mlcd", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Continuous delivery of machine-learning models: gates on metrics, fairness and drift.",
        subcommands = {ValidateCommand.class, ProfileCommand.class, DriftCommand.class, ValidateDataCommand.class, RegisterCommand.class,
            RobustnessCommand.class,
            ApproveCommand.class, PromoteCommand.class, StatusCommand.class, CanaryCommand.class,
            InferSchemaCommand.class,
            WebhookCommand.class, WatchCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:verdict PASSED", "1:verdict FAILED, or promotion refused", "3:verdict WARNING",
            "2:usage or input error (nothing evaluated, nothing recorded)"},
        footerHeading = "%n",
        footer = "Options and examples of a command: mlcd COMMAND --help")
public final class Mlcd implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit status; tests call this instead of main. */
    public static int run(final String... args) {
        return run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
    }

    /** Runs a command line with the given output streams and returns its exit status. */
    public static int run(final PrintWriter out, final PrintWriter err, final String... args) {
        try {
            // Help as wide as the terminal (80 columns when there is none); examples are kept short enough
            // (HelpTest) that even the narrowest width picocli picks does not wrap them mid-gate.
            return OptionValues.strictNumbers(new CommandLine(new Mlcd()))
                    .setUsageHelpAutoWidth(true)
                    .setOut(out)
                    .setErr(err)
                    .setExecutionExceptionHandler(new ErrorHandler())
                    .setParameterExceptionHandler(ErrorHandler::usage)
                    .execute(args);
        }
        catch (OutOfMemoryError e) {
            // picocli passes Errors through; the heap is free again once the command has unwound
            err.println("mlcd: error: out of memory (" + e.getMessage() + "): give Java more memory (java -Xmx..., "
                    + "or MLCD_JAVA_OPTS=-Xmx... for bin/mlcd) or split the input");
            err.flush();
            return ErrorHandler.INPUT_ERROR;
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. mlcd validate --help");
    }
}
