package io.mlcd.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the mlcd command line with its exit status and captured output. */
public record CliRun(int status, String out, String err) {
    public static CliRun of(final String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var status = Mlcd.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(status, out.toString(), err.toString());
    }
}
