package dev.llmos.actions.files;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * copies a file, symlink or directory tree to a path that must not exist yet. symlinks are copied
 * as symlinks; devices, fifos and sockets are refused. reports progress, stops when the client
 * cancels, and on any failure removes the half-made copy, so nothing is left behind.
 */
final class TreeCopier implements Tree.Visitor<ActionException> {
    /** how much of each entry the copy keeps besides its bytes. */
    enum Fidelity {
        /** owner, group, every permission bit and the times, synced to disk: moves and the quarantine. */
        EXACT,
        /** the {@code rwx} bits only; the copy is new and the caller's, as with cp(1). */
        PLAIN
    }

    private static final long CHUNK = 8L << 20;
    private static final long REPORT_NANOS = 200_000_000L;
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path target;
    private final Fidelity fidelity;
    private final ActionContext context;
    private final long totalBytes;
    private long copiedBytes;
    private long lastReport = System.nanoTime();
    /** true once the target exists and is ours to remove on failure (never what was there before). */
    private boolean madeTarget;

    private TreeCopier(Path target, Fidelity fidelity, ActionContext context, long totalBytes) {
        this.target = target;
        this.fidelity = fidelity;
        this.context = context;
        this.totalBytes = totalBytes;
    }

    /**
     * copies {@code source} to {@code target}, which must not exist: the copy never replaces
     * anything. {@code totalBytes} (of the files) scales the progress.
     */
    static void copy(Path source, Path target, Fidelity fidelity, ActionContext context, long totalBytes)
            throws IOException, ActionException {
        TreeCopier copier = new TreeCopier(target, fidelity, context, totalBytes);
        try {
            Tree.walk(source, copier);
        } catch (IOException | ActionException | RuntimeException e) {
            if (copier.madeTarget) {
                TreeDeleter.deleteQuietly(target, e);
            }
            throw e;
        }
    }

    @Override
    public void enter(Tree.Entry entry) throws IOException, ActionException {
        if (context.cancelled()) {
            throw new ActionException("cancelled while copying " + entry.path());
        }
        Path to = destination(entry);
        switch (entry.stat().type()) {
            case FILE -> {
                copyBytes(entry, to);
                finish(entry, to);
            }
            case DIR -> {
                Files.createDirectory(to, PRIVATE_DIR);
                madeTarget = true;
            }
            case SYMLINK -> {
                Files.createSymbolicLink(to, Files.readSymbolicLink(entry.path()));
                madeTarget = true;
                finish(entry, to);
            }
            case OTHER -> throw new ActionException("cannot copy a device, fifo or socket: " + entry.path());
        }
    }

    @Override
    public void leave(Tree.Entry entry) throws IOException {
        finish(entry, destination(entry));
    }

    private Path destination(Tree.Entry entry) {
        return entry.relative().isEmpty() ? target : target.resolve(entry.relative());
    }

    private void copyBytes(Tree.Entry entry, Path to) throws IOException, ActionException {
        try (FileChannel in = FileChannel.open(entry.path(), StandardOpenOption.READ);
                FileChannel out = FileChannel.open(to, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PRIVATE_FILE)) {
            madeTarget = true;
            long size = in.size();
            long position = 0;
            while (position < size) {
                if (context.cancelled()) {
                    throw new ActionException("cancelled while copying " + entry.path());
                }
                long n = in.transferTo(position, Math.min(CHUNK, size - position), out);
                if (n <= 0) {
                    break;
                }
                position += n;
                report(n, entry);
            }
            if (fidelity == Fidelity.EXACT) {
                out.force(true);
            }
        }
    }

    private void finish(Tree.Entry entry, Path to) throws IOException {
        Stat stat = entry.stat();
        switch (fidelity) {
            case EXACT -> Attributes.apply(to, stat);
            case PLAIN -> {
                if (stat.type() != EntryType.SYMLINK) {
                    Attributes.mode(to, stat.mode() & 0777);
                }
            }
        }
    }

    private void report(long bytes, Tree.Entry entry) {
        copiedBytes += bytes;
        long now = System.nanoTime();
        if (now - lastReport >= REPORT_NANOS) {
            lastReport = now;
            context.progress("copying " + entry.path(), totalBytes > 0 ? Math.min(1.0, (double) copiedBytes / totalBytes) : null);
        }
    }
}
