package dev.llmos.actions.files;

import dev.llmos.action.ActionException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * what an inverse expects to find before it acts: a free path, or a tree with a given
 * {@link Fingerprint}. anything else means the state has changed since, and the inverse does nothing.
 */
final class Expectation {
    private Expectation() {
    }

    /**
     * refuses unless {@code path} is free ({@code digest} null) or has the fingerprint
     * {@code digest} at {@code depth}.
     */
    static void check(Path path, String digest, Fingerprint.Depth depth) throws ActionException {
        try {
            boolean present = Stat.lstatIfPresent(path).isPresent();
            if (digest == null) {
                if (present) {
                    throw new ActionException("occupied now: " + path + " (something is there that was not when the "
                            + "change was made; move it away first); nothing was changed");
                }
                return;
            }
            if (!present) {
                throw new ActionException("changed since: " + path + " is gone; nothing was changed");
            }
            if (!Fingerprint.of(path, depth).equals(digest)) {
                throw new ActionException("changed since: " + path + " (its content, entries, modes, owners or times "
                        + "differ from what the change left); nothing was changed");
            }
        } catch (IOException e) {
            throw Failures.io(path, e);
        }
    }
}
