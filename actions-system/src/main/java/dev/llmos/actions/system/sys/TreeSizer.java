package dev.llmos.actions.system.sys;

import dev.llmos.action.ActionContext;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;

/**
 * adds up the apparent sizes of trees like {@code du -x --apparent-size -b}: symlinks are not
 * followed, other filesystems are not entered, a file with several hard links counts once, and
 * entries that cannot be read are skipped and counted. one sizer shares a budget of visited
 * entries across the trees it sizes; once spent, every walk stops and {@link #truncated()} is true.
 */
final class TreeSizer {
    private static final int CANCEL_CHECK_EVERY = 1024;
    private static final int PROGRESS_EVERY = 16384;

    private final long device;
    private final int budget;
    private final ActionContext context;
    private final Set<Object> seenFiles = new HashSet<>();
    private long visited;
    private long unreadable;
    private boolean truncated;
    private boolean cancelled;

    /** sizes trees on the filesystem of {@code device} (stat(2)'s {@code st_dev}). */
    TreeSizer(long device, int budget, ActionContext context) {
        this.device = device;
        this.budget = budget;
        this.context = context;
    }

    /** the bytes of {@code start} and everything under it that the walk reached. */
    long size(Path start) throws IOException {
        Visitor visitor = new Visitor();
        Files.walkFileTree(start, visitor);
        return visitor.bytes;
    }

    /** true once the budget ran out or the client cancelled: sizes are lower bounds. */
    boolean stopped() {
        return truncated || cancelled;
    }

    boolean truncated() {
        return truncated;
    }

    boolean cancelled() {
        return cancelled;
    }

    long visited() {
        return visited;
    }

    long unreadable() {
        return unreadable;
    }

    /** counts one entry against the budget; false when the walk must stop. */
    private boolean admit() {
        if (stopped()) {
            return false;
        }
        if (visited >= budget) {
            truncated = true;
            return false;
        }
        if (visited % CANCEL_CHECK_EVERY == 0) {
            cancelled = context.cancelled();
        }
        if (visited > 0 && visited % PROGRESS_EVERY == 0) {
            context.progress("scanned " + visited + " entries", null);
        }
        visited++;
        return !cancelled;
    }

    private final class Visitor extends SimpleFileVisitor<Path> {
        private long bytes;

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            try {
                if ((Long) Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS) != device) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
            } catch (IOException e) {
                unreadable++;
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (!admit()) {
                return FileVisitResult.TERMINATE;
            }
            bytes += attributes.size();
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (!admit()) {
                return FileVisitResult.TERMINATE;
            }
            if (!attributes.isRegularFile() || seenFiles.add(attributes.fileKey())) {
                bytes += attributes.size();
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            unreadable++;
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
                unreadable++;
            }
            return FileVisitResult.CONTINUE;
        }
    }
}
