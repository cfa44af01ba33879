package io.mlcd.spark.command;

import io.mlcd.registry.MlflowConnection;
import io.mlcd.util.InputException;
import io.mlcd.util.Redactor;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The CLI contract for failures: one line on stderr, exit status 2, a stack trace only with
 * {@code --debug}; every line through the {@link Redactor} of the MLflow credentials.
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    public static final int INPUT_ERROR = 2;

    private final Redactor redactor = MlflowConnection.redactor(System.getenv());

    @Override
    public int handleExecutionException(final Exception exception, final CommandLine commandLine,
            final CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        var debug = debug(parseResult);
        if (exception instanceof InputException) {
            err.println(redactor.message("mlcd-spark: error: " + exception.getMessage()));
        }
        else {
            var message = exception.getMessage();
            err.println(redactor.message("mlcd-spark: error: " + (message == null || message.isBlank()
                    ? exception.getClass().getSimpleName() : message.lines().findFirst().orElse("")))
                    + (debug ? "" : " (run with --debug for details)"));
        }
        if (debug) {
            var trace = new StringWriter();
            exception.printStackTrace(new PrintWriter(trace));
            trace.toString().lines().map(line -> line.startsWith("\t") ? "\t" + redactor.message(line.substring(1))
                    : redactor.message(line)).forEach(err::println);
        }
        err.flush();
        return INPUT_ERROR;
    }

    /** A usage error: the message and where to find help, exit status 2. */
    public static int usage(final CommandLine.ParameterException exception, final String[] args) {
        PrintWriter err = exception.getCommandLine().getErr();
        err.println(MlflowConnection.redactor(System.getenv()).message("mlcd-spark: error: " + exception.getMessage()));
        err.println("Try '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return INPUT_ERROR;
    }

    private static boolean debug(final CommandLine.ParseResult parseResult) {
        var result = parseResult;
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result.hasMatchedOption("--debug");
    }
}
