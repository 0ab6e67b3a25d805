package dev.llmos.actions.files;

import dev.llmos.posix.FileType;
import dev.llmos.support.Sizes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * what a tree holds, counted without following symlinks.
 *
 * @param type the type of the root
 * @param entries every entry, the root included
 * @param bytes the sizes of the regular files added up
 * @param specials devices, fifos and sockets: they cannot be copied, only renamed
 * @param sample the first entries of the walk, for previews
 */
record TreeSummary(FileType type, long entries, long bytes, long specials, List<Sampled> sample) {
    TreeSummary {
        sample = List.copyOf(sample);
    }

    /** one entry of the sample: where it is and what it is. */
    record Sampled(String relative, String path, FileType type, long size) {
    }

    static TreeSummary of(Entry root, int sampleLimit) throws IOException {
        Counter counter = new Counter(sampleLimit);
        Tree.walk(root, counter);
        return new TreeSummary(counter.type, counter.entries, counter.bytes, counter.specials, counter.sample);
    }

    private static final class Counter implements Tree.Visitor<RuntimeException> {
        private final int sampleLimit;
        private final List<Sampled> sample = new ArrayList<>();
        private FileType type;
        private long entries;
        private long bytes;
        private long specials;

        Counter(int sampleLimit) {
            this.sampleLimit = sampleLimit;
        }

        @Override
        public void enter(Entry entry) {
            if (type == null) {
                type = entry.type();
            }
            entries++;
            switch (entry.type()) {
                case FILE -> bytes += entry.stat().size();
                case OTHER -> specials++;
                case DIR, SYMLINK -> {
                }
            }
            if (sample.size() < sampleLimit) {
                sample.add(new Sampled(entry.relative(), entry.path(), entry.type(), entry.stat().size()));
            }
        }
    }

    /** the entries beyond the sample. */
    long unsampled() {
        return entries - sample.size();
    }

    /** {@code file, 12 bytes} or {@code directory, 7 entries, 3.4 MiB}. */
    String describe() {
        return describe(type, entries, bytes);
    }

    static String describe(FileType type, long entries, long bytes) {
        return switch (type) {
            case FILE -> "file, " + Sizes.iec(bytes);
            case DIR -> "directory, " + entries + (entries == 1 ? " entry, " : " entries, ") + Sizes.iec(bytes);
            case SYMLINK -> "symlink";
            case OTHER -> "device, fifo or socket";
        };
    }
}
