import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.mlcd.gate.Policy;
import io.mlcd.util.Progress;
import io.mlcd.validation.ValidationSpec;
import io.mlcd.validation.Validator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The validation engine against a bare FastCSV parse of the same file in one JVM, after both
 * have warmed up: the engine's own cost relative to the parse floor, without JVM start-up and
 * JIT compilation. Runs each side five times, alternating, and reports the median of the last
 * three. Usage: java -cp mlcd.jar:PARSE_FLOOR_CLASSES bench/WarmRatio.java FILE
 */
public final class WarmRatio {
    private WarmRatio() {
    }

    public static void main(final String[] args) throws IOException {
        var file = Path.of(args[0]);
        var spec = new ValidationSpec(file, "label", "score", null, List.of("group"), null, null, 0.5, null, null);
        var engine = new double[5];
        var floor = new double[5];
        for (int i = 0; i < 5; i++) {
            var start = System.nanoTime();
            var result = new Validator(Progress.NONE).validate(spec, new Policy(List.of()));
            engine[i] = (System.nanoTime() - start) / 1e9;
            if (result.evaluation().rows() == 0) {
                throw new IllegalStateException("no rows");
            }
            start = System.nanoTime();
            var chars = parse(file);
            floor[i] = (System.nanoTime() - start) / 1e9;
            if (chars == 0) {
                throw new IllegalStateException("no characters");
            }
        }
        var e = median(engine);
        var f = median(floor);
        System.out.printf("warm, same JVM: engine %.2f s, FastCSV parse %.2f s, engine / parse %.2f%n", e, f, e / f);
    }

    private static long parse(final Path file) throws IOException {
        long chars = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            for (CsvRecord record : reader) {
                for (int i = 0; i < record.getFieldCount(); i++) {
                    chars += record.getField(i).length();
                }
            }
        }
        return chars;
    }

    private static double median(final double[] seconds) {
        var last = Arrays.copyOfRange(seconds, 2, 5);
        Arrays.sort(last);
        return last[1];
    }
}
