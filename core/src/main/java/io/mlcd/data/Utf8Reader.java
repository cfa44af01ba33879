package io.mlcd.data;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Decodes a file as UTF-8 and nothing else. A lenient decoder turns bytes that are not UTF-8 into
 * U+FFFD, so two different Latin-1 values ("Ä", "Ö") would become one; here they stop the read
 * with a {@link NotUtf8Exception} that names the line. The text before the bad bytes is handed
 * out first, so a parser reports the errors of earlier rows before this one. A UTF-8 byte order
 * mark at the start is skipped.
 */
public final class Utf8Reader extends Reader {
    private static final int BUFFER = 1 << 16;

    private final String name;
    private final Path file;
    private final ReadableByteChannel channel;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    /** Bytes of the file before the first byte in {@link #bytes}. */
    private long before;
    private boolean end;
    private boolean started;
    @CheckForNull
    private NotUtf8Exception pending;

    /**
     * @param name    the file as named in messages
     * @param file    the file, read again only to find the line of bad bytes
     * @param channel the file's bytes from the start
     */
    public Utf8Reader(final String name, final Path file, final ReadableByteChannel channel) {
        this.name = name;
        this.file = file;
        this.channel = channel;
    }

    @Override
    public int read(final char[] chars, final int offset, final int length) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (length == 0) {
            return 0;
        }
        if (!started) {
            skipByteOrderMark();
        }
        var out = CharBuffer.wrap(chars, offset, length);
        while (true) {
            var result = decoder.decode(bytes, out, end);
            if (result.isError()) {
                pending = notUtf8(result.length());
                if (out.position() == offset) {
                    throw pending;
                }
                break;
            }
            if (out.position() > offset || result.isOverflow()) {
                break;
            }
            if (end) {
                return -1;
            }
            fill();
        }
        return out.position() - offset;
    }

    private void skipByteOrderMark() throws IOException {
        started = true;
        while (bytes.remaining() < 3 && !end) {
            fill();
        }
        var at = bytes.position();
        if (bytes.remaining() >= 3 && bytes.get(at) == (byte) 0xEF && bytes.get(at + 1) == (byte) 0xBB
                && bytes.get(at + 2) == (byte) 0xBF) {
            bytes.position(at + 3);
        }
    }

    private void fill() throws IOException {
        before += bytes.position();
        bytes.compact();
        if (channel.read(bytes) < 0) {
            end = true;
        }
        bytes.flip();
    }

    private NotUtf8Exception notUtf8(final int length) {
        var offset = before + bytes.position();
        var shown = new StringJoiner(" ");
        for (int i = 0; i < Math.min(length, 4); i++) {
            shown.add(String.format(Locale.ROOT, "0x%02X", bytes.get(bytes.position() + i) & 0xFF));
        }
        var utf16 = offset == 0 && length > 0 && isUtf16Mark(bytes.get(bytes.position()));
        var where = lineAt(offset);
        return new NotUtf8Exception(String.format(Locale.ROOT, "%s%s: not UTF-8 text (%s at byte %d%s); mlcd reads "
                + "UTF-8 only: convert the file, e.g. iconv -f %s -t UTF-8", name, where > 0 ? ", line " + where : "",
                shown, offset, utf16 ? ": a UTF-16 byte order mark" : "", utf16 ? "UTF-16" : "ISO-8859-1"));
    }

    private static boolean isUtf16Mark(final byte first) {
        return first == (byte) 0xFF || first == (byte) 0xFE;
    }

    /**
     * The line of a byte offset: 1 + the line breaks (LF, CR LF or a lone CR, as the parsers count
     * them) before it. No byte of a multi-byte UTF-8 sequence is a CR or LF, so counting bytes is
     * exact; reading the file again costs nothing while the file is fine.
     */
    private long lineAt(final long offset) {
        try (var again = FileChannel.open(file, StandardOpenOption.READ)) {
            var buffer = ByteBuffer.allocate(BUFFER);
            long line = 1;
            long position = 0;
            byte previous = 0;
            while (position < offset && again.read(buffer.clear()) > 0) {
                buffer.flip();
                while (buffer.hasRemaining() && position < offset) {
                    var b = buffer.get();
                    if (b == '\n' && previous != '\r' || b == '\r') {
                        line++;
                    }
                    previous = b;
                    position++;
                }
            }
            return line;
        }
        catch (IOException e) {
            return 0; // the message then gives the byte offset alone
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
