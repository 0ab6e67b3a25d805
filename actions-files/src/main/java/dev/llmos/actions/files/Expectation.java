package dev.llmos.actions.files;

import dev.llmos.action.ActionException;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import java.io.IOException;

/**
 * what an inverse expects to find before it acts: a free path, or a tree with a given
 * {@link Fingerprint}. anything else means the state has changed since, and the inverse does nothing.
 */
final class Expectation {
    private Expectation() {
    }

    /**
     * refuses unless {@code resolved} names nothing ({@code digest} null) or a held object with the
     * fingerprint {@code digest} at {@code depth}.
     */
    static void check(ResolvedPath resolved, String digest, Fingerprint.Depth depth) throws ActionException {
        String path = resolved.path();
        if (digest == null) {
            if (resolved.exists()) {
                throw new ActionException("occupied now: " + path + " (something is there that was not when the "
                        + "change was made; move it away first); nothing was changed");
            }
            return;
        }
        if (!resolved.exists()) {
            throw new ActionException("changed since: " + path + " is gone; nothing was changed");
        }
        try {
            if (!Fingerprint.of(Entry.root(resolved), depth).equals(digest)) {
                throw new ActionException("changed since: " + path + " (its content, entries, modes, owners or times "
                        + "differ from what the change left); nothing was changed");
            }
        } catch (IOException | PosixException e) {
            throw FileFailure.io(path, e);
        }
    }
}
