package io.mlcd.spark;

import io.mlcd.drift.ColumnType;
import io.mlcd.util.InputException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The column types a profile of a Spark data set uses: Spark's numbers are numeric, its booleans
 * boolean, everything else it can read as text categorical; a type given for a column overrides
 * that, as {@code --type} overrides what the CLI infers from a file.
 */
final class ColumnTypes {
    private ColumnTypes() {
    }

    /**
     * @param source the data set's name, for messages
     * @param given  types chosen by the user, by column name
     * @return a type for every column (a {@link HashMap}, which Spark ships to its tasks)
     */
    static HashMap<String, ColumnType> of(final String source, final StructType schema,
            final Map<String, ColumnType> given) {
        var names = Arrays.stream(schema.fields()).map(StructField::name).toList();
        if (names.isEmpty()) {
            throw new InputException("%s has no columns", source);
        }
        var seen = new HashSet<String>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new InputException("%s has two columns named '%s'; rename one (columns: %s)", source, name,
                        String.join(", ", names));
            }
        }
        given.keySet().forEach(name -> {
            if (!names.contains(name)) {
                throw new InputException("--type names column '%s', which %s does not have (columns: %s)", name, source,
                        String.join(", ", names));
            }
        });
        var types = new HashMap<String, ColumnType>();
        for (StructField field : schema.fields()) {
            if (!RowSource.supports(field.dataType())) {
                throw RowSource.unsupported(source, field);
            }
            types.put(field.name(), given.getOrDefault(field.name(), of(field.dataType())));
        }
        return types;
    }

    static ColumnType of(final DataType type) {
        if (type instanceof NumericType) {
            return ColumnType.NUMERIC;
        }
        return type instanceof BooleanType ? ColumnType.BOOLEAN : ColumnType.CATEGORICAL;
    }
}
