package io.mlcd.drift;

import io.mlcd.util.InputException;
import io.mlcd.util.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads what the user named as reference or current data: a profile file ({@code .json}) as it
 * is, a data file (CSV, JSON Lines) by profiling it; several are merged into one profile.
 */
public final class Profiles {
    private Profiles() {
    }

    public static boolean isProfileFile(final Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    public static Profile load(final List<Path> files, final Map<String, ColumnType> types, final Progress progress) {
        Profile merged = null;
        for (Path file : files) {
            var profile = isProfileFile(file) ? ProfileJson.read(file) : new Profiler(progress, types).profile(file);
            merged = merged == null ? profile : merged.merge(profile);
        }
        if (merged == null) {
            throw new IllegalArgumentException("no files to load");
        }
        return merged;
    }

    /**
     * Loads several inputs at once (as {@link #load} each, each on its own thread: the reference
     * and the current data of a drift check profile side by side). The error of the first input
     * in the list that fails is the one thrown, whichever failed first in time; inputs after a
     * failed one are stopped, since nothing they find is reported.
     */
    public static List<Profile> loadAll(final List<List<Path>> inputs, final Map<String, ColumnType> types,
            final Progress progress) {
        var loads = new ArrayList<Load>();
        for (List<Path> files : inputs) {
            loads.add(new Load(files, types, progress));
        }
        for (int i = 1; i < loads.size(); i++) {
            loads.get(i).start();
        }
        if (!loads.isEmpty()) {
            loads.get(0).run(); // the first on this thread
        }
        var profiles = new ArrayList<Profile>();
        for (int i = 0; i < loads.size(); i++) {
            var load = loads.get(i);
            if (i > 0) {
                load.await();
            }
            if (load.failure != null) {
                for (Load later : loads.subList(i + 1, loads.size())) {
                    later.cancel();
                }
                for (Load later : loads.subList(i + 1, loads.size())) {
                    later.await();
                }
                rethrow(load.failure);
            }
            profiles.add(load.profile);
        }
        return List.copyOf(profiles);
    }

    private static void rethrow(final Throwable failure) {
        if (failure instanceof RuntimeException exception) {
            throw exception;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }

    /** One input being loaded; its result or failure is read after {@link #await()}. */
    private static final class Load implements Runnable {
        private final List<Path> files;
        private final Map<String, ColumnType> types;
        private final Progress progress;
        private Thread thread;
        private Profile profile;
        private Throwable failure;

        Load(final List<Path> files, final Map<String, ColumnType> types, final Progress progress) {
            this.files = files;
            this.types = types;
            this.progress = progress;
        }

        void start() {
            thread = new Thread(this, "mlcd-load " + files);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                profile = load(files, types, progress);
            }
            catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        void cancel() {
            thread.interrupt();
        }

        /** Waits for the load; joining makes its result visible to this thread. */
        void await() {
            var interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                }
                catch (InterruptedException e) {
                    interrupted = true;
                    thread.interrupt();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                if (failure == null && profile == null) {
                    failure = new InputException("loading %s was interrupted", files);
                }
            }
        }
    }
}
