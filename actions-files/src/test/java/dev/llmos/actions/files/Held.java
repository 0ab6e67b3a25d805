package dev.llmos.actions.files;

import dev.llmos.posix.Chase;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import java.nio.file.Path;

/** a path resolved into descriptors for a test that calls a support class directly, as an action would get it. */
record Held(ResolvedPath resolved) implements AutoCloseable {
    static Held of(Path path) throws PosixException, Chase.RefusedException {
        return new Held(Chase.resolve(path.toString(), Chase.Rules.FOLLOW_ANY.withFollowFinal(false)));
    }

    /** the object, as the root of a walk. */
    Entry entry() throws PosixException {
        return Entry.root(resolved);
    }

    @Override
    public void close() {
        resolved.close();
    }
}
