package dev.llmos.audit;

import dev.llmos.audit.Segments.Segment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * an anchor in a json-lines file opened for appending only ({@code O_APPEND}, 0600), one point per
 * line, synced on every write. it is outside the log's directory and written by no other code
 * path, so a truncation that rewrites the log's head file and checkpoint but not this file is
 * caught; an attacker who knows of it and owns the disk can rewrite it too, so where journald runs
 * the journal is the better anchor (docs/limits.md).
 */
final class FileAnchor implements AuditAnchor {
    private final Path file;

    FileAnchor(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void write(Point point) throws IOException {
        byte[] line = (point.toJson() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    @Override
    public synchronized Optional<Point> latest(String dir) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Point[] found = {null};
        Segments.backward(new Segment(0, file, Files.size(file)), (buf, off, len) -> {
            try {
                Point point = Point.fromJson(new String(buf, off, len, StandardCharsets.UTF_8));
                if (point.dir().equals(dir)) {
                    found[0] = point;
                    return false;
                }
            } catch (IOException e) {
                // a line that is not a point (a torn write) says nothing about where the chain stood
            }
            return true;
        });
        return Optional.ofNullable(found[0]);
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
