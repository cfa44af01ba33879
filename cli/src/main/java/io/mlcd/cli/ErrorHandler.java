package io.mlcd.cli;

import io.mlcd.registry.RefusedException;
import io.mlcd.util.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns failures into the CLI contract: one clear line on stderr and exit status 2 (1 when the
 * registry refuses for lack of evidence); a stack trace only with {@code --debug}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int INPUT_ERROR = 2;
    /** The same status as a FAILED verdict: the evidence a registry step needs is missing or failed. */
    static final int REFUSED = 1;

    @Override
    public int handleExecutionException(final Exception exception, final CommandLine commandLine,
            final CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        if (exception instanceof RefusedException) {
            err.println("mlcd: refused: " + exception.getMessage());
            err.flush();
            return REFUSED;
        }
        if (exception instanceof InputException) {
            err.println("mlcd: error: " + exception.getMessage());
        }
        else {
            err.println("mlcd: error: " + describe(exception) + (debug(parseResult) ? "" : " (run with --debug for details)"));
        }
        if (debug(parseResult)) {
            exception.printStackTrace(err);
        }
        err.flush();
        return INPUT_ERROR;
    }

    static int usage(final CommandLine.ParameterException exception, final String[] args) {
        PrintWriter err = exception.getCommandLine().getErr();
        err.println("mlcd: error: " + exception.getMessage());
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
