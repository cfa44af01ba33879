package io.mlcd.cli;

import io.mlcd.registry.MlflowConnection;
import io.mlcd.registry.RefusedException;
import io.mlcd.util.InputException;
import io.mlcd.util.Redactor;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Turns failures into the CLI contract: one clear line on stderr and exit status 2 (1 when the
 * registry refuses for lack of evidence); a stack trace only with {@code --debug}. Every line
 * printed here goes through the {@link Redactor} of the MLflow credentials in the environment:
 * no secret, no user info in a URI, no control character, at most a few thousand characters,
 * whatever the failure quotes (a server's answer, a file's contents, an expression).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int INPUT_ERROR = 2;
    /** The same status as a FAILED verdict: the evidence a registry step needs is missing or failed. */
    static final int REFUSED = 1;

    private final Redactor redactor;

    ErrorHandler() {
        this(MlflowConnection.redactor(System.getenv()));
    }

    ErrorHandler(final Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public int handleExecutionException(final Exception exception, final CommandLine commandLine,
            final CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        if (exception instanceof RefusedException) {
            err.println(redactor.message("mlcd: refused: " + exception.getMessage()));
            err.flush();
            return REFUSED;
        }
        if (exception instanceof InputException) {
            err.println(redactor.message("mlcd: error: " + exception.getMessage()));
        }
        else {
            err.println(redactor.message("mlcd: error: " + describe(exception))
                    + (debug(parseResult) ? "" : " (run with --debug for details)"));
        }
        if (debug(parseResult)) {
            var trace = new StringWriter();
            exception.printStackTrace(new PrintWriter(trace));
            trace.toString().lines().map(line -> line.startsWith("\t") ? "\t" + redactor.message(line.substring(1))
                    : redactor.message(line)).forEach(err::println);
        }
        err.flush();
        return INPUT_ERROR;
    }

    static int usage(final CommandLine.ParameterException exception, final String[] args) {
        PrintWriter err = exception.getCommandLine().getErr();
        err.println(MlflowConnection.redactor(System.getenv()).message("mlcd: error: " + exception.getMessage()));
        err.println("Try '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return INPUT_ERROR;
    }

    private static String describe(final Exception exception) {
        var message = exception.getMessage();
        return message == null || message.isBlank() ? exception.getClass().getSimpleName() : message;
    }

    private static boolean debug(final CommandLine.ParseResult parseResult) {
        var result = parseResult;
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return result.hasMatchedOption("--debug");
    }
}
