package io.mlcd.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mlcd} command: continuous delivery of ML models from any shell or CI system. */
@Command(name = "mlcd", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Continuous delivery of machine-learning models: gates on metrics, fairness and drift.",
        subcommands = {ValidateCommand.class, ProfileCommand.class, DriftCommand.class, RegisterCommand.class,
            ApproveCommand.class, PromoteCommand.class, StatusCommand.class, CanaryCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:verdict PASSED", "1:verdict FAILED, or promotion refused", "3:verdict WARNING",
            "2:usage or input error (nothing evaluated, nothing recorded)"})
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
        return OptionValues.strictNumbers(new CommandLine(new Mlcd()))
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(new ErrorHandler())
                .setParameterExceptionHandler(ErrorHandler::usage)
                .execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. mlcd validate --help");
    }
}
