package io.mlcd.validation;

/** The rows of one group value (e.g. {@code sex=F}) and their binary confusion counts. */
public record Slice(String column, String value, Confusion confusion) {
    public long count() {
        return confusion.count();
    }
}
