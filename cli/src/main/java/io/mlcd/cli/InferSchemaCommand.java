package io.mlcd.cli;

import io.mlcd.quality.InferenceOptions;
import io.mlcd.quality.SchemaInference;
import io.mlcd.quality.SchemaYaml;
import io.mlcd.util.AtomicFiles;
import io.mlcd.util.InputException;
import io.mlcd.util.Numbers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlcd infer-schema}: a data schema inferred from data or profiles, to edit and check batches against. */
@Command(name = "infer-schema", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Infer a data schema (YAML) from data files or profiles: per column its type, completeness, "
                + "domain, range, value lengths and uniqueness, and the row count range. Edit it, version it, and "
                + "check batches against it with 'mlcd validate-data'."},
        footerHeading = "%nExamples:%n",
        footer = {"  mlcd infer-schema train.csv -o schema.yaml",
            "  mlcd infer-schema day1.json day2.json \\",
            "    -o schema.yaml --max-domain 100",
            "  mlcd infer-schema train.csv -o schema.yaml \\",
            "    --range-margin 0.1 --type zip=categorical"})
public final class InferSchemaCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DATA|PROFILE",
            description = "CSV or JSON Lines files, or .json profiles (mlcd profile); their union is described.")
    private List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "SCHEMA",
            description = "Schema file to write (YAML); an existing one only with --force.")
    private Path output;

    @Option(names = "--max-domain", paramLabel = "N", description = "Largest domain inferred for a categorical "
            + "column (default " + InferenceOptions.MAX_DOMAIN + "; 0: none).")
    private String maxDomain = Integer.toString(InferenceOptions.MAX_DOMAIN);

    @Option(names = "--range-margin", paramLabel = "X", description = "Widen numeric ranges by this share of their "
            + "span at each end (default 0: observed min and max).")
    private String rangeMargin = "0";

    @Option(names = "--rows-margin", paramLabel = "X", description = "Row count range: observed × (1 ± X) "
            + "(default " + InferenceOptions.ROWS_MARGIN + ").")
    private String rowsMargin = Double.toString(InferenceOptions.ROWS_MARGIN);

    @Option(names = "--type", paramLabel = "COL=TYPE",
            description = "Column type: numeric, categorical or boolean (repeatable; default inferred).")
    private List<String> types = new ArrayList<>();

    @Option(names = "--force", description = "Overwrite an existing schema file.")
    private boolean force;

    @Mixin
    private DebugOption debug;

    @Override
    public Integer call() throws IOException {
        var options = options();
        if (Files.exists(output) && !force) {
            throw new InputException("--output %s exists; give --force to overwrite it", output);
        }
        for (Path input : inputs) {
            if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())
                    || Files.exists(output) && Files.exists(input) && Files.isSameFile(input, output)) {
                throw new InputException("--output %s is also an input; name another file", output);
            }
        }
        AtomicFiles.checkWritableFile("--output", output);
        var inference = new SchemaInference(options).run(inputs, new StderrProgress(spec.commandLine().getErr()));
        var schema = inference.schema();
        AtomicFiles.write(output, SchemaYaml.write(schema, header(inference)));
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "inferred %d constraints on %d columns from %,d rows -> %s%n",
                schema.constraints().size(), schema.columns().size(), inference.rows(), output);
        out.flush();
        return 0;
    }

    private InferenceOptions options() {
        var domain = Numbers.parseWhole("--max-domain", maxDomain);
        if (domain < 0 || domain > InferenceOptions.DOMAIN_LIMIT) {
            throw new InputException("--max-domain: %d is not in [0, %d]", domain, InferenceOptions.DOMAIN_LIMIT);
        }
        return new InferenceOptions((int) domain, margin("--range-margin", rangeMargin),
                margin("--rows-margin", rowsMargin), ProfileCommand.types(types));
    }

    private static double margin(final String option, final String text) {
        var margin = Numbers.parse(option, text);
        if (margin < 0 || margin > 100) {
            throw new InputException("%s: %s is not a share in [0, 100] (0.1 is 10%%)", option, text);
        }
        return margin;
    }

    private String header(final SchemaInference.Inference inference) {
        var version = InferSchemaCommand.class.getPackage().getImplementationVersion();
        var sources = inputs.stream().map(input -> String.valueOf(input.getFileName())).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "mlcd data schema, inferred by mlcd %s from %s (%,d rows) on %s.%n"
                + "Edit freely: change or remove any constraint, or give it severity: warn (docs/schema.md).%n"
                + "'# inferred' marks what came from the data; delete the mark when you change one by hand.",
                version == null ? "dev" : version, sources, inference.rows(), LocalDate.now(ZoneOffset.UTC));
    }
}
