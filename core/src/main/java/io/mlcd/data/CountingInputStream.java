package io.mlcd.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it, so readers can tell how far into a file they are. */
final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(final InputStream in) {
        super(in);
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        var b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(final byte[] buffer, final int offset, final int length) throws IOException {
        var n = super.read(buffer, offset, length);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(final long n) throws IOException {
        var skipped = super.skip(n);
        count += skipped;
        return skipped;
    }
}
