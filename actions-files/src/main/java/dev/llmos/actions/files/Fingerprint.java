package dev.llmos.actions.files;

import dev.llmos.posix.Fd;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.PosixException;
import java.io.IOException;

/**
 * one sha-256 over what a tree is: every entry's relative path, type, permission bits, owner and
 * group; for files the size and modification time, for symlinks the target and modification
 * time. an inverse records the fingerprint of what it will act on and refuses when the fingerprint
 * differs later: the state has changed since. directory times are left out: they move whenever an
 * entry comes and goes, which the listing itself already shows.
 */
final class Fingerprint {
    /** how closely files are compared. */
    enum Depth {
        /** size and modification time only: cheap for trees of any size. */
        METADATA,
        /** also the sha-256 of every file's bytes. */
        CONTENT
    }

    private Fingerprint() {
    }

    /**
     * the fingerprint of what {@code name} in {@code dir} holds, which must be the object
     * {@code expected} (what the action just made or moved there), else the action is refused.
     */
    static String ofNamed(Fd dir, String name, FileStat expected, String path, Depth depth) throws IOException {
        try (Fd now = Entry.reopen(dir, name, expected, path)) {
            return of(Entry.of(now, dir, name, path), depth);
        } catch (PosixException e) {
            throw FileFailure.at(path, e);
        }
    }

    static String of(Entry root, Depth depth) throws IOException {
        Sha256 sha = new Sha256();
        Tree.walk(root, entry -> {
            sha.add(entry.relative()).add(entry.type().name()).add(entry.stat().permissions())
                    .add(entry.stat().uid()).add(entry.stat().gid());
            switch (entry.type()) {
                case FILE -> {
                    sha.add(entry.stat().size()).add(entry.stat().mtimeNanos());
                    if (depth == Depth.CONTENT) {
                        sha.add(Sha256.of(entry));
                    }
                }
                case SYMLINK -> sha.add(entry.self().readlinkAt("")).add(entry.stat().mtimeNanos());
                case DIR, OTHER -> {
                }
            }
        });
        return sha.hex();
    }
}
