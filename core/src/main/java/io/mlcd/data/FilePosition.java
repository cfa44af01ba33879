package io.mlcd.data;

import java.io.IOException;
import java.nio.channels.FileChannel;

/** How far a reader has got into its file, for progress; read from the channel, so it costs nothing per byte. */
final class FilePosition {
    private final FileChannel channel;
    private final long size;

    FilePosition(final FileChannel channel) throws IOException {
        this.channel = channel;
        this.size = channel.size();
    }

    /** The share of the file read so far, in [0, 1], or -1 when unknown. */
    double fraction() {
        try {
            return size > 0 ? Math.min(1.0, (double) channel.position() / size) : -1;
        }
        catch (IOException e) {
            return -1; // progress is a courtesy; a failing read reports itself
        }
    }
}
