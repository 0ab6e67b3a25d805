package dev.llmos.actions.files;

import dev.llmos.support.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * everything a test compares about a tree, one line per entry: relative path, type, size, sha-256,
 * mode, uid, gid, modification time in nanoseconds, symlink target. independent of the code under
 * test (plain {@code Files.walk}), so a restore that loses anything shows up as a line that differs.
 */
final class TreeState {
    private TreeState() {
    }

    static List<String> of(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted().toList()) {
                Map<String, Object> a = Files.readAttributes(path, "unix:mode,size,uid,gid,lastModifiedTime",
                        LinkOption.NOFOLLOW_LINKS);
                boolean link = Files.isSymbolicLink(path);
                boolean file = Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
                String type = link ? "symlink" : file ? "file"
                        : Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "dir" : "other";
                lines.add(String.join(" | ", root.relativize(path).toString(), type,
                        file ? a.get("size").toString() : "-",
                        file ? sha256(path) : "-",
                        String.format("%06o", (Integer) a.get("mode")),
                        a.get("uid").toString(), a.get("gid").toString(),
                        Long.toString(((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS)),
                        link ? Files.readSymbolicLink(path).toString() : "-"));
            }
        }
        return lines;
    }

    private static String sha256(Path file) throws IOException {
        return Sha256.hex(Files.readAllBytes(file));
    }
}
