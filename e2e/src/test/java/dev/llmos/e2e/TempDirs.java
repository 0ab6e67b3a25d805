package dev.llmos.e2e;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * the e2e tests' directories under /tmp (each run's copy of the distribution, 218 mib, and the daemons'
 * states with the router's extracted model), removed when the tests' jvm exits so runs do not pile up:
 * a daemon restarted on a state within one run still finds it. the removal never follows a symbolic link
 * (tests plant links to / and /etc) and never crosses into another file system (a mount left inside).
 */
final class TempDirs {
    private static final List<Path> DIRS = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempDirs::removeAll, "llmos-e2e-temp-dirs"));
    }

    private TempDirs() {
    }

    /** {@code dir}, to be removed when this jvm exits. */
    static synchronized Path deletedAtExit(Path dir) {
        DIRS.add(dir);
        return dir;
    }

    private static synchronized void removeAll() {
        for (Path dir : DIRS) {
            try {
                remove(dir);
            } catch (IOException e) {
                // what is left is only litter under /tmp
            }
        }
    }

    private static void remove(Path dir) throws IOException {
        Object device = Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path path, BasicFileAttributes attributes) throws IOException {
                return device.equals(Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS))
                        ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path path, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(path);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path path, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path path, IOException e) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException notEmpty) {
                    // a subtree on another file system stays, and so does its parent
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
