package dev.llmos.actions.files;

import dev.llmos.action.ActionException;
import dev.llmos.action.Caller;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * writes a regular file whole and atomically: the new bytes go to a temp file in the same
 * directory, are synced, get the old file's owner, group and mode, and are renamed over it, so
 * readers see the old file or the new one, never half of either. no temp file outlives a failure.
 *
 * <p>a rename makes a new inode, so it cannot keep hard links, nor an owner the caller may not give
 * away (a group-writable file of someone else): such files are rewritten in place instead, like a
 * shell redirection does, which keeps the inode and with it links, owner and mode.
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

        static Source of(Path file) {
            return out -> {
                try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                    long size = in.size();
                    long position = 0;
                    while (position < size) {
                        long n = in.transferTo(position, size - position, out);
                        if (n <= 0) {
                            break;
                        }
                        position += n;
                    }
                }
            };
        }
    }

    /**
     * how a write went.
     *
     * @param atomic true when renamed into place, false when rewritten in place
     */
    record Result(boolean atomic) {
    }

    /** creates {@code path}, which must not exist, with permission bits {@code mode}. */
    static void create(Path path, Source source, int mode) throws ActionException {
        Path temp = writeTemp(path, null, source);
        try {
            Attributes.mode(temp, mode);
            try {
                // link(2) never replaces: a file that appeared meanwhile is not overwritten
                Files.createLink(path, temp);
            } catch (FileAlreadyExistsException | AccessDeniedException | NoSuchFileException e) {
                throw e;
            } catch (FileSystemException e) {
                // no hard links on this filesystem (vfat, some fuse): a rename that checks first
                Files.move(temp, path);
            }
            syncDirectory(path.getParent());
        } catch (FileAlreadyExistsException e) {
            throw Failures.exists(path, "use mode=overwrite");
        } catch (IOException e) {
            throw Failures.at(path, e);
        } finally {
            removeTemp(temp);
        }
    }

    /**
     * replaces the bytes of the regular file {@code path} (described by {@code old}) with
     * {@code source}, after its old bytes when {@code append}. keeps owner, group and mode; sets the
     * modification time to {@code mtime} unless that is null or the file is someone else's (only its
     * owner may set a file's times).
     */
    static Result replace(Path path, Stat old, Source source, boolean append, FileTime mtime, Caller caller)
            throws ActionException {
        try {
            // the kernel checks the file's own write permission, which a rename alone would bypass
            FileChannel.open(path, StandardOpenOption.WRITE).close();
        } catch (IOException e) {
            throw Failures.io(path, e);
        }
        Path dir = path.getParent();
        if (old.links() == 1 && canGive(caller, old) && Files.isWritable(dir)) {
            Path temp = writeTemp(path, append ? path : null, source);
            try {
                Attributes.owner(temp, Stat.lstat(temp), old.uid(), old.gid());
                if (mtime != null) {
                    Attributes.times(temp, mtime, null);
                }
                Attributes.mode(temp, old.mode());
                Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory(dir);
                return new Result(true);
            } catch (IOException e) {
                throw Failures.at(path, e);
            } finally {
                removeTemp(temp);
            }
        }
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
            source.writeTo(out);
            out.force(true);
            if (mtime != null && Attributes.timesSettable(caller, old)) {
                Attributes.times(path, mtime, null);
            }
            return new Result(false);
        } catch (IOException e) {
            throw Failures.io(path, e);
        }
    }

    /** whether a file made by the caller may be given the owner and group of {@code old}. */
    private static boolean canGive(Caller caller, Stat old) {
        return caller.isRoot() || (old.uid() == caller.uid()
                && (old.gid() == caller.gid() || caller.groups().contains(old.gid())));
    }

    /**
     * a synced temp file beside {@code path}, holding {@code prefix} (when not null) then the
     * source; failures name {@code path}, and leave no temp file.
     */
    private static Path writeTemp(Path path, Path prefix, Source source) throws ActionException {
        Path temp = path.resolveSibling(".llmos-write-" + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".tmp");
        boolean written = false;
        try (FileChannel out = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            if (prefix != null) {
                Source.of(prefix).writeTo(out);
            }
            source.writeTo(out);
            out.force(true);
            written = true;
            return temp;
        } catch (IOException e) {
            throw Failures.at(path, e);
        } finally {
            if (!written) {
                removeTemp(temp);
            }
        }
    }

    private static void removeTemp(Path temp) throws ActionException {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new ActionException("could not remove the temp file " + temp + ": "
                    + Failures.io(temp, e).getMessage());
        }
    }

    /** makes a rename in {@code dir} durable; a directory the caller cannot open stays unsynced. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // the rename itself is done; only its durability across a crash is left to the kernel
        }
    }
}
