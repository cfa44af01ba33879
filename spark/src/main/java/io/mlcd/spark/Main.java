package io.mlcd.spark;

import io.mlcd.spark.command.DriftCommand;
import io.mlcd.spark.command.ErrorHandler;
import io.mlcd.spark.command.ProfileCommand;
import io.mlcd.spark.command.ValidateCommand;
import io.mlcd.spark.command.ValidateDataCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The spark-submit entry point: {@code spark-submit mlcd-spark.jar COMMAND ...}, with the CLI's
 * options, reports, records and exit status (0 PASSED, 1 FAILED, 3 WARNING, 2 usage or input error).
 */
@Command(name = "mlcd-spark", mixinStandardHelpOptions = true,
        description = "mlcd's gates on data Spark reads: profiles, drift, data validation, model validation.",
        subcommands = {
            ProfileCommand.class,
            DriftCommand.class,
            ValidateDataCommand.class,
            ValidateCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:verdict PASSED", "1:verdict FAILED", "3:verdict WARNING",
            "2:usage or input error (nothing evaluated, nothing recorded)"},
        footerHeading = "%n",
        footer = "Options and examples of a command: spark-submit mlcd-spark.jar COMMAND --help")
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Exits with the command's status; Spark's shutdown hook stops the session. */
    public static void main(final String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line in the current Spark session (or a new one) and returns its exit status. */
    public static int run(final String... args) {
        return run(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args);
    }

    public static int run(final PrintWriter out, final PrintWriter err, final String... args) {
        try {
            return new CommandLine(new Main())
                    .setUnmatchedOptionsAllowedAsOptionParameters(false) // a mistyped option is an error, not a path
                    .setOut(out)
                    .setErr(err)
                    .setExecutionExceptionHandler(new ErrorHandler())
                    .setParameterExceptionHandler(ErrorHandler::usage)
                    .execute(args);
        }
        catch (OutOfMemoryError e) {
            err.println("mlcd-spark: error: out of memory on the driver (" + e.getMessage() + "): give it more "
                    + "(spark-submit --driver-memory ...)");
            err.flush();
            return ErrorHandler.INPUT_ERROR;
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. profile --help");
    }
}
