package dev.llmos.actions.files;

import dev.llmos.action.ActionException;
import dev.llmos.action.Caller;
import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.PosixException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * writes a regular file whole and atomically, through the held directory that policy decided on:
 * the new bytes go to an unnamed file there ({@code O_TMPFILE}, or a temp name where the file
 * system has none), are synced, get the old file's owner, group and mode, and take the file's name
 * by an exchange that is undone unless what it displaced is the decided file itself. readers see
 * the old file or the new one, never half of either; no temp file outlives a failure.
 *
 * <p>a rename makes a new inode, so it cannot keep hard links, nor an owner the caller may not give
 * away (a group-writable file of someone else): such files are rewritten in place instead, through
 * the decided file's own descriptor, like a shell redirection does, which keeps the inode and with
 * it links, owner and mode. as root, a hard-linked file is refused ({@link Attributes#refuseHardLinked}).
 */
final class FileWriter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private FileWriter() {
    }

    /** where new bytes come from. */
    @FunctionalInterface
    interface Source {
        void writeTo(FileChannel out) throws IOException;

        static Source of(byte[] bytes) {
            return out -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            };
        }

        /** everything {@code in} holds, from its start. */
        static Source of(FileChannel in) {
            return out -> {
                long size = in.size();
                long position = 0;
                while (position < size) {
                    long n = in.transferTo(position, size - position, out);
                    if (n <= 0) {
                        break;
                    }
                    position += n;
                }
            };
        }

        /** the bytes of the regular file {@code file}, read through its descriptor. */
        static Source of(Entry file) {
            return out -> {
                try (FileChannel in = file.read()) {
                    of(in).writeTo(out);
                }
            };
        }
    }

    /**
     * how a write went.
     *
     * @param atomic true when renamed into place, false when rewritten in place
     * @param written the file now named by the path (a new object when atomic)
     */
    record Result(boolean atomic, FileStat written) {
    }

    /** creates {@code name} in the held directory {@code dir}, which must not exist, with permission bits {@code mode}. */
    static Result create(Fd dir, String name, String path, Source source, int mode) throws ActionException {
        try (Temp temp = Temp.in(dir)) {
            write(temp.file, null, source);
            temp.file.chmod(mode);
            temp.nameAs(name);
            sync(dir);
            return new Result(true, temp.file.stat());
        } catch (PosixException e) {
            if (e.errno() == PosixException.EEXIST) {
                throw FileFailure.exists(path, "use mode=overwrite");
            }
            throw FileFailure.io(path, e);
        } catch (IOException e) {
            throw FileFailure.io(path, e);
        }
    }

    /**
     * replaces the bytes of the decided regular file {@code target} with {@code source}, after its
     * old bytes when {@code append}. keeps owner, group and mode; sets the modification time to
     * {@code mtimeNanos} unless that is null or the file is someone else's (only its owner may set a
     * file's times).
     */
    static Result replace(Entry target, Source source, boolean append, Long mtimeNanos, Caller caller)
            throws ActionException {
        FileStat old;
        try {
            old = target.self().stat();
            // the kernel checks the file's own write permission, which a rename alone would bypass
            target.self().channel(Set.of(StandardOpenOption.WRITE)).close();
        } catch (IOException | PosixException e) {
            throw FileFailure.io(target.path(), e);
        }
        try {
            if (old.nlink() == 1 && canGive(caller, old) && Files.isWritable(target.dir().proc())) {
                return atomically(target, old, source, append, mtimeNanos);
            }
            Attributes.refuseHardLinked(old, target.path(), "rewrite");
            try (FileChannel out = target.self().channel(Set.of(StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING))) {
                source.writeTo(out);
                out.force(true);
            }
            if (mtimeNanos != null && Attributes.timesSettable(caller, old)) {
                target.self().setTimes(Fd.KEEP_TIME, mtimeNanos);
            }
            return new Result(false, target.self().stat());
        } catch (IOException | PosixException e) {
            throw FileFailure.io(target.path(), e);
        }
    }

    private static Result atomically(Entry target, FileStat old, Source source, boolean append, Long mtimeNanos)
            throws IOException, PosixException {
        Fd dir = target.dir();
        try (Temp temp = Temp.in(dir)) {
            write(temp.file, append ? target : null, source);
            Attributes.owner(temp.file, temp.file.stat(), old.uid(), old.gid());
            if (mtimeNanos != null) {
                temp.file.setTimes(Fd.KEEP_TIME, mtimeNanos);
            }
            temp.file.chmod(old.permissions());
            temp.exchangeWith(target, old);
            sync(dir);
            return new Result(true, temp.file.stat());
        }
    }

    /** whether a file made by the caller may be given the owner and group of {@code old}. */
    private static boolean canGive(Caller caller, FileStat old) {
        return caller.isRoot() || (old.uid() == caller.uid()
                && (old.gid() == caller.gid() || caller.groups().contains(old.gid())));
    }

    /** writes {@code prefix}'s bytes (when not null) then the source into {@code file}, synced. */
    private static void write(Fd file, Entry prefix, Source source) throws IOException {
        try (FileChannel out = file.channel(Set.of(StandardOpenOption.WRITE))) {
            if (prefix != null) {
                Source.of(prefix).writeTo(out);
            }
            source.writeTo(out);
            out.force(true);
        }
    }

    /** makes a rename in {@code dir} durable; a directory the caller cannot read stays unsynced. */
    private static void sync(Fd dir) {
        try {
            dir.sync();
        } catch (PosixException e) {
            // the rename itself is done; only its durability across a crash is left to the kernel
        }
    }

    /**
     * a new private file in a held directory: unnamed until {@link #nameAs} or {@link #exchangeWith}
     * gives it a name, or (where the file system has no {@code O_TMPFILE}) under a random temp name
     * that closing removes, through the directory, if it still names this file or the one it displaced.
     */
    private static final class Temp implements AutoCloseable {
        final Fd file;
        private final Fd dir;
        private final FileStat made;
        /** the temp name while it names something of ours (this file, or the old one after an exchange). */
        private String tempName;
        private FileStat displaced;

        private Temp(Fd dir, Fd file, String tempName) throws PosixException {
            this.dir = dir;
            this.file = file;
            this.tempName = tempName;
            this.made = file.stat();
        }

        static Temp in(Fd dir) throws PosixException {
            Optional<Fd> unnamed = dir.createUnnamed(0600);
            if (unnamed.isPresent()) {
                return new Temp(dir, unnamed.get(), null);
            }
            String name = randomName();
            return new Temp(dir, dir.createAt(name, 0600), name);
        }

        private static String randomName() {
            return ".llmos-write-" + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".tmp";
        }

        /** gives the file the name {@code name}, which must be free: never replaces anything. */
        void nameAs(String name) throws PosixException {
            if (tempName == null) {
                file.linkInto(dir, name);
            } else {
                dir.renameAt(tempName, dir, name, Fd.RENAME_NOREPLACE);
                tempName = null;
            }
        }

        /**
         * puts the file in {@code target}'s place with one exchange of names, then checks that what
         * it displaced is the decided file; if not (its name was taken over meanwhile), exchanges back
         * and refuses, so nothing but the decided file is ever replaced.
         */
        void exchangeWith(Entry target, FileStat old) throws IOException, PosixException {
            if (tempName == null) {
                String name = randomName();
                file.linkInto(dir, name);
                tempName = name;
            }
            dir.renameAt(tempName, dir, target.name(), Fd.RENAME_EXCHANGE);
            Optional<FileStat> now = dir.statAt(tempName);
            if (now.isPresent() && now.get().id().equals(old.id())) {
                displaced = old;
                return;
            }
            dir.renameAt(tempName, dir, target.name(), Fd.RENAME_EXCHANGE);
            throw FileFailure.changed(target.path());
        }

        @Override
        public void close() throws PosixException {
            try {
                if (tempName != null) {
                    Optional<FileStat> now = dir.statAt(tempName);
                    boolean ours = now.isPresent() && (now.get().id().equals(made.id())
                            || (displaced != null && now.get().id().equals(displaced.id())));
                    if (ours) {
                        dir.unlinkAt(tempName);
                    }
                }
            } finally {
                file.close();
            }
        }
    }
}
