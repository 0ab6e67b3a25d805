package dev.llmos.actions.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** files and trees for tests, with modes, owners and times worth preserving. */
final class Fixtures {
    /** a user and group that is not root, owning some fixture files (need not exist in passwd). */
    static final int OTHER_UID = 4242;
    static final int OTHER_GID = 4343;
    static final FileTime PAST = FileTime.fromMillis(1_500_000_000_123L);

    private Fixtures() {
    }

    static Path file(Path path, String text, int mode) throws IOException {
        Files.writeString(path, text, StandardCharsets.UTF_8);
        Files.setAttribute(path, "unix:mode", mode);
        return path;
    }

    /** a file of {@code size} bytes that takes no disk space: a hole, then one byte. */
    static Path sparse(Path path, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {1}), size - 1);
        }
        return path;
    }

    static void owner(Path path, int uid, int gid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * a tree with nested files of several modes, a file owned by another user, setuid, an empty
     * directory, a symlink pointing outside (to {@code outside}) and a dangling one; every time set
     * to a distinct moment in the past, directories last.
     */
    static Path tree(Path root, Path outside) throws IOException {
        Files.createDirectory(root);
        file(root.resolve("a.txt"), "alpha\n", 0644);
        Files.createDirectories(root.resolve("bin"));
        file(root.resolve("bin/run.sh"), "#!/bin/sh\necho hi\n", 0755);
        file(root.resolve("bin/tool"), "suid", 04755);
        Files.createDirectories(root.resolve("private"));
        file(root.resolve("private/secret"), "s3cret", 0600);
        owner(root.resolve("private/secret"), OTHER_UID, OTHER_GID);
        Files.setAttribute(root.resolve("private"), "unix:mode", 0700);
        Files.createDirectories(root.resolve("nested/deep/deeper"));
        byte[] noise = new byte[100_000];
        new Random(7).nextBytes(noise);
        Files.write(root.resolve("nested/deep/deeper/file.bin"), noise);
        Files.createDirectories(root.resolve("empty"));
        Files.setAttribute(root.resolve("empty"), "unix:mode", 0750);
        Files.createSymbolicLink(root.resolve("link"), root.relativize(outside));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("/nonexistent/target"));
        Files.setAttribute(root.resolve("dangling"), "unix:uid", OTHER_UID, LinkOption.NOFOLLOW_LINKS);
        pastTimes(root);
        return root;
    }

    /** gives every entry below {@code root} a distinct time in the past, deepest first. */
    static void pastTimes(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        long offset = 0;
        for (Path path : paths) {
            FileTime time = FileTime.fromMillis(PAST.toMillis() + 1000 * offset++);
            Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(time, time, null);
        }
    }

    /** whether {@code a} and {@code b} are on different filesystems (devices). */
    static boolean differentFilesystems(Path a, Path b) throws IOException {
        return !Files.getAttribute(a, "unix:dev").equals(Files.getAttribute(b, "unix:dev"));
    }

    /** removes a tree the test made, whatever its modes (independent of the code under test). */
    static void deleteTree(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.setAttribute(path, "unix:mode", 0700);
            }
        }
        for (Path path : paths) {
            Files.delete(path);
        }
    }

    /** the names in {@code dir}, sorted. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
