package dev.llmos.actions.system.sys;

import dev.llmos.action.ActionContext;
import dev.llmos.posix.Fd;
import dev.llmos.posix.FileId;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.Walk;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * adds up the apparent sizes of trees like {@code du -x --apparent-size -b}, walking through
 * descriptors ({@link Walk}): symlinks are not followed, other filesystems are not entered, a file
 * with several hard links counts once, and entries that cannot be read are skipped and counted.
 * one sizer shares a budget of visited entries across the trees it sizes; once spent, every walk
 * stops and {@link #truncated()} is true.
 */
final class TreeSizer {
    private static final int CANCEL_CHECK_EVERY = 1024;
    private static final int PROGRESS_EVERY = 16384;

    private final long device;
    private final int budget;
    private final ActionContext context;
    private final Set<FileId> seenFiles = new HashSet<>();
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

    /**
     * the bytes of the entry {@code stat} (held by {@code object}, a directory's descriptor or any
     * other) and, for a directory, everything under it that the walk reached.
     */
    long size(Fd object, FileStat stat) throws IOException {
        if (!admit()) {
            return 0;
        }
        if (!stat.isDirectory()) {
            return count(stat);
        }
        long[] bytes = {stat.size()};
        Walk.walk(object, new Walk.Visitor() {
            @Override
            public boolean entry(Fd dir, String name, FileStat entry, int depth) {
                if (entry.id().dev() != device || !admit()) {
                    return false;
                }
                bytes[0] += entry.isDirectory() ? entry.size() : count(entry);
                return true;
            }

            @Override
            public void failed(Fd dir, String name, Exception e) {
                unreadable++;
            }

            @Override
            public boolean stopped() {
                return TreeSizer.this.stopped();
            }
        });
        return bytes[0];
    }

    private long count(FileStat stat) {
        return !stat.isRegularFile() || seenFiles.add(stat.id()) ? stat.size() : 0;
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
}
