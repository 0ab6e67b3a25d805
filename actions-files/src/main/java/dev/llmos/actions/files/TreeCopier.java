package dev.llmos.actions.files;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.Posix;
import dev.llmos.posix.PosixException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * copies a file, symlink or directory tree, held, to a name in a held directory that must not
 * exist yet: every entry is created by one name in a directory this copy made and holds, with
 * {@code O_EXCL} and never following a symlink, so nothing lands outside the copy. symlinks are
 * copied as symlinks; devices, fifos and sockets are refused. reports progress, stops when the
 * client cancels, and on any failure removes the half-made copy, so nothing is left behind.
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

    private final String targetName;
    private final String targetPath;
    private final Fidelity fidelity;
    private final ActionContext context;
    private final long totalBytes;
    /** the directories being filled, innermost first: the held target directory, then those made here. */
    private final Deque<Fd> directories = new ArrayDeque<>();
    private long copiedBytes;
    private long lastReport = System.nanoTime();
    /** the root of the copy once made: ours to remove on failure (never what was there before). */
    private FileStat made;

    private TreeCopier(Fd targetDir, String targetName, String targetPath, Fidelity fidelity, ActionContext context,
            long totalBytes) {
        this.directories.push(targetDir);
        this.targetName = targetName;
        this.targetPath = targetPath;
        this.fidelity = fidelity;
        this.context = context;
        this.totalBytes = totalBytes;
    }

    /**
     * copies {@code source} to {@code targetName} in {@code targetDir}, which must not exist: the
     * copy never replaces anything. {@code totalBytes} (of the files) scales the progress. returns
     * what the root of the copy is.
     */
    static FileStat copy(Entry source, Fd targetDir, String targetName, String targetPath, Fidelity fidelity,
            ActionContext context, long totalBytes) throws IOException, ActionException {
        TreeCopier copier = new TreeCopier(targetDir, targetName, targetPath, fidelity, context, totalBytes);
        try {
            Tree.walk(source, copier);
            return copier.made;
        } catch (IOException | ActionException | RuntimeException e) {
            while (copier.directories.size() > 1) {
                copier.directories.pop().close();
            }
            if (copier.made != null) {
                TreeDeleter.deleteQuietly(targetDir, targetName, targetPath, copier.made, e);
            }
            throw e;
        }
    }

    @Override
    public void enter(Entry entry) throws IOException, PosixException, ActionException {
        if (context.cancelled()) {
            throw new ActionException("cancelled while copying " + entry.path());
        }
        Fd into = directories.peek();
        String name = entry.relative().isEmpty() ? targetName : entry.name();
        switch (entry.type()) {
            case FILE -> {
                try (Fd out = create(() -> into.createAt(name, 0600), entry)) {
                    mark(entry, out.stat());
                    copyBytes(entry, out);
                    finish(entry, new Entry(out, out.stat(), into, name, entry.relative(), destination(entry)));
                }
            }
            case DIR -> {
                Fd dir = create(() -> {
                    into.mkdirAt(name, 0700);
                    return into.directoryAt(name);
                }, entry);
                FileStat stat = dir.stat();
                if (stat.uid() != Posix.getuid()) {
                    dir.close();
                    throw FileFailure.changed(destination(entry));
                }
                mark(entry, stat);
                directories.push(dir);
            }
            case SYMLINK -> {
                String target = entry.self().readlinkAt("");
                try (Fd link = create(() -> {
                    into.symlinkAt(target, name);
                    return into.pathAt(name);
                }, entry)) {
                    FileStat stat = link.stat();
                    if (!stat.isSymlink()) {
                        throw FileFailure.changed(destination(entry));
                    }
                    mark(entry, stat);
                    finish(entry, new Entry(link, stat, into, name, entry.relative(), destination(entry)));
                }
            }
            case OTHER -> throw new ActionException("cannot copy a device, fifo or socket: " + entry.path());
        }
    }

    @Override
    public void leave(Entry entry) throws IOException {
        try (Fd dir = directories.pop()) {
            String name = entry.relative().isEmpty() ? targetName : entry.name();
            finish(entry, new Entry(dir, dir.stat(), directories.peek(), name, entry.relative(), destination(entry)));
        } catch (PosixException e) {
            throw FileFailure.at(destination(entry), e);
        }
    }

    /** one step that creates the copy of {@code entry}. */
    @FunctionalInterface
    private interface Creation {
        Fd create() throws PosixException;
    }

    /** runs {@code creation}; a failure names the copy's path, not the source's. */
    private Fd create(Creation creation, Entry entry) throws IOException {
        try {
            return creation.create();
        } catch (PosixException e) {
            throw FileFailure.at(destination(entry), e);
        }
    }

    /** remembers the root of the copy as soon as it exists. */
    private void mark(Entry entry, FileStat stat) {
        if (entry.relative().isEmpty()) {
            made = stat;
        }
    }

    private String destination(Entry entry) {
        return entry.relative().isEmpty() ? targetPath : Places.child(targetPath, entry.relative());
    }

    /** copies the bytes; a failure to write (a full disk) names the copy, a failure to read the source. */
    private void copyBytes(Entry entry, Fd to) throws IOException, ActionException {
        try (FileChannel in = entry.read(); FileChannel out = to.channel(Set.of(StandardOpenOption.WRITE))) {
            long size = in.size();
            long position = 0;
            while (position < size) {
                if (context.cancelled()) {
                    throw new ActionException("cancelled while copying " + entry.path());
                }
                long n;
                try {
                    n = in.transferTo(position, Math.min(CHUNK, size - position), out);
                } catch (IOException e) {
                    throw FileFailure.at(destination(entry), e);
                }
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

    /** gives the copy {@code to} of {@code source} what the fidelity keeps. */
    private void finish(Entry source, Entry to) throws IOException {
        try {
            switch (fidelity) {
                case EXACT -> Attributes.apply(to, source.stat());
                case PLAIN -> {
                    if (!source.stat().isSymlink()) {
                        to.self().chmod(source.stat().permissions() & 0777);
                    }
                }
            }
        } catch (PosixException e) {
            throw FileFailure.at(to.path(), e);
        }
    }

    private void report(long bytes, Entry entry) {
        copiedBytes += bytes;
        long now = System.nanoTime();
        if (now - lastReport >= REPORT_NANOS) {
            lastReport = now;
            context.progress("copying " + entry.path(), totalBytes > 0 ? Math.min(1.0, (double) copiedBytes / totalBytes) : null);
        }
    }
}
