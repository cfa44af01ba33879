import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The parse floor of the validate benchmark: reads every record of a CSV file with
 * FastCSV and does nothing else. It sums the record count and the length of every
 * field and prints both, so the JIT cannot drop the parsing work.
 *
 * <p>Run as a single-file program:
 * {@code java -cp fastcsv-4.0.0.jar bench/ParseFloor.java FILE}
 */
public final class ParseFloor {

    private ParseFloor() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java -cp fastcsv.jar ParseFloor.java FILE");
            System.exit(2);
        }
        long records = 0;
        long fieldChars = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(Path.of(args[0]))) {
            for (CsvRecord record : reader) {
                records++;
                for (int i = 0, n = record.getFieldCount(); i < n; i++) {
                    fieldChars += record.getField(i).length();
                }
            }
        }
        System.out.println("records=" + records + " field_chars=" + fieldChars);
    }
}
