package io.mlcd.spark.command;

import io.mlcd.gate.GateParser;
import io.mlcd.gate.MetricCatalog;
import io.mlcd.gate.Policy;
import io.mlcd.gate.PolicyReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The gate options every gated command shares, as the CLI's: --gate, --warn and --policy. */
public final class GateOptions {
    @Option(names = "--gate", paramLabel = "EXPR", description = "Gate with severity FAIL (repeatable).")
    private List<String> gates = new ArrayList<>();

    @Option(names = "--warn", paramLabel = "EXPR",
            description = "Gate with severity WARN: falling short gives verdict WARNING (repeatable).")
    private List<String> warnings = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "FILE", description = "YAML file with 'gates:' and 'warn:' lists.")
    private Path policyFile;

    /** The policy file's gates followed by --gate and --warn, checked against the command's metrics. */
    public Policy policy(final MetricCatalog catalog) {
        var parser = new GateParser(catalog);
        var fromOptions = parser.policy(gates, warnings);
        return policyFile == null ? fromOptions : new PolicyReader(parser).read(policyFile).plus(fromOptions);
    }
}
