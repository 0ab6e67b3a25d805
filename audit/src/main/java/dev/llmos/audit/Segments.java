package dev.llmos.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * the numbered files of a log ({@code audit-00000001.jsonl}, {@code audit-00000002.jsonl}, ...),
 * oldest first; the highest is the one being appended to. files are never renamed, so a crash
 * during rotation cannot reorder them.
 */
final class Segments {
    private static final Pattern NAME = Pattern.compile("audit-(\\d{8})\\.jsonl");
    private static final int BLOCK = 256 * 1024;

    private Segments() {
    }

    /**
     * one segment file and how much of it counts.
     *
     * @param size the committed length; bytes past it are not read
     */
    record Segment(int number, Path path, long size) {
        Segment withSize(long newSize) {
            return new Segment(number, path, newSize);
        }
    }

    /** called for each complete line, without its newline; returns false to stop. */
    interface LineVisitor {
        boolean line(byte[] buf, int off, int len) throws IOException;
    }

    static Path path(Path dir, int number) {
        return dir.resolve(String.format("audit-%08d.jsonl", number));
    }

    /** makes the creation, removal or renaming of files in {@code dir} durable. */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /** the segment files in {@code dir}, oldest first, with their current sizes. */
    static List<Segment> list(Path dir) throws IOException {
        List<Segment> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Matcher name = NAME.matcher(entry.getFileName().toString());
                if (name.matches()) {
                    out.add(new Segment(Integer.parseInt(name.group(1)), entry, Files.size(entry)));
                }
            }
        }
        out.sort(Comparator.comparingInt(Segment::number));
        return out;
    }

    /**
     * visits the complete lines of {@code segment} from the first.
     *
     * @return how many bytes at the end are not terminated by a newline (0 for a clean file)
     */
    static long forward(Segment segment, LineVisitor visitor) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
            byte[] buf = new byte[BLOCK];
            int filled = 0;
            long position = 0;
            while (position < segment.size()) {
                if (filled == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int want = (int) Math.min(buf.length - filled, segment.size() - position);
                int read = channel.read(ByteBuffer.wrap(buf, filled, want), position);
                if (read < 0) {
                    throw new IOException(segment.path() + " is shorter than its committed length");
                }
                position += read;
                filled += read;
                int start = 0;
                for (int nl = indexOf(buf, start, filled); nl >= 0; nl = indexOf(buf, start, filled)) {
                    if (!visitor.line(buf, start, nl - start)) {
                        return 0;
                    }
                    start = nl + 1;
                }
                System.arraycopy(buf, start, buf, 0, filled - start);
                filled -= start;
            }
            return filled;
        }
    }

    /**
     * visits the complete lines of {@code segment} from the last; bytes after the last newline
     * are skipped.
     *
     * @return false when the visitor stopped
     */
    static boolean backward(Segment segment, LineVisitor visitor) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
            long limit = segment.size();
            int window = BLOCK;
            boolean first = true;
            while (limit > 0) {
                long start = Math.max(0, limit - window);
                byte[] buf = new byte[(int) (limit - start)];
                readFully(channel, buf, start);
                int end = buf.length;
                if (first) {
                    int nl = lastIndexOf(buf, end - 1);
                    if (nl < 0) {
                        if (start == 0) {
                            return true;
                        }
                        window *= 2;
                        continue;
                    }
                    end = nl + 1;
                    first = false;
                }
                // buf[0, end) ends with a newline; walk its lines from the last
                boolean progressed = false;
                while (end > 0) {
                    int previous = lastIndexOf(buf, end - 2);
                    if (previous < 0 && start > 0) {
                        break;
                    }
                    int lineStart = previous + 1;
                    if (!visitor.line(buf, lineStart, end - 1 - lineStart)) {
                        return false;
                    }
                    end = lineStart;
                    progressed = true;
                }
                if (!progressed) {
                    window *= 2;
                }
                limit = start + end;
            }
            return true;
        }
    }

    /** the length of {@code segment} up to and including its last newline. */
    static long completeLength(Segment segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path(), StandardOpenOption.READ)) {
            long end = segment.size();
            while (end > 0) {
                long start = Math.max(0, end - BLOCK);
                byte[] buf = new byte[(int) (end - start)];
                readFully(channel, buf, start);
                int nl = lastIndexOf(buf, buf.length - 1);
                if (nl >= 0) {
                    return start + nl + 1;
                }
                end = start;
            }
            return 0;
        }
    }

    private static void readFully(FileChannel channel, byte[] buf, long position) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buf);
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static int indexOf(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] buf, int from) {
        for (int i = from; i >= 0; i--) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
