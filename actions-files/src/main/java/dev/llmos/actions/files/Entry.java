package dev.llmos.actions.files;

import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.FileType;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * one object as an action holds it: a descriptor of the object itself, what it is (read from that
 * descriptor, never from a name someone could have swapped since), and where it is named: a held
 * directory and one name in it. the descriptors belong to whoever opened them, not to the entry.
 *
 * @param self the object ({@code O_PATH} mostly; a symlink itself when it is one)
 * @param stat what {@code self} is
 * @param dir the directory that holds the object's name
 * @param name the object's name in {@code dir} ({@code ""} only for the root directory {@code /})
 * @param relative its path below the root of a walk, {@code ""} for the root itself
 * @param path its real path when decided, for messages and records
 */
record Entry(Fd self, FileStat stat, Fd dir, String name, String relative, String path) {
    /** the object {@code self}, named {@code name} in {@code dir}, as the root of a walk. */
    static Entry of(Fd self, Fd dir, String name, String path) throws PosixException {
        return new Entry(self, self.stat(), dir, name, "", path);
    }

    /** the object a path param resolved to, as it is now; refuses a path that names nothing. */
    static Entry root(ResolvedPath resolved) throws PosixException {
        return of(resolved.requireObject(), resolved.parent(), resolved.name(), resolved.path());
    }

    /** the entry {@code name} below this directory, opened as {@code child}. */
    Entry child(String name, Fd child) throws PosixException {
        return new Entry(child, child.stat(), self, name, relative.isEmpty() ? name : relative + "/" + name,
                Places.child(path, name));
    }

    FileType type() {
        return FileType.of(stat);
    }

    /** a channel reading this regular file; anything else (a fifo, a device) is never opened. */
    FileChannel read() throws IOException {
        if (!stat.isRegularFile()) {
            throw FileFailure.refused("not a regular file: " + path);
        }
        return self.channel(Set.of(StandardOpenOption.READ));
    }

    /**
     * refuses unless {@code name} in {@code dir} still names this object: before an operation that
     * acts on whatever the name holds (rename, unlink).
     */
    void checkNamed() throws IOException, PosixException {
        Optional<FileStat> now = dir.statAt(name);
        if (now.isEmpty() || !now.get().id().equals(stat.id())) {
            throw FileFailure.changed(path);
        }
    }

    /** the entry named {@code name} in {@code dir} now, if it is {@code expected}'s object; the caller closes it. */
    static Fd reopen(Fd dir, String name, FileStat expected, String path) throws IOException, PosixException {
        Fd fd = dir.pathAt(name);
        if (!fd.stat().id().equals(expected.id())) {
            fd.close();
            throw FileFailure.changed(path);
        }
        return fd;
    }
}
