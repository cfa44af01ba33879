package io.mlcd.data;

import java.io.IOException;

/**
 * Bytes of an input file that are not UTF-8. An {@link IOException}, so that it passes through
 * the parsers that read from a {@link Utf8Reader}; its message is the one line to show the user,
 * naming the file and the line.
 */
public final class NotUtf8Exception extends IOException {
    private static final long serialVersionUID = 1L;

    NotUtf8Exception(final String message) {
        super(message);
    }
}
