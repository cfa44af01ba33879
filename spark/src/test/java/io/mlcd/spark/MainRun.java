package io.mlcd.spark;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** What one command line of {@link Main} did: its exit status and what it printed. */
record MainRun(int status, String out, String err) {
    static MainRun of(final String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new MainRun(status, out.toString(), err.toString());
    }

    static MainRun of(final List<String> args) {
        return of(args.toArray(String[]::new));
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}
