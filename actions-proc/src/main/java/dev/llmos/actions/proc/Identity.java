package dev.llmos.actions.proc;

import dev.llmos.action.ActionContext;
import dev.llmos.action.Caller;
import dev.llmos.posix.Posix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * whom a run starts as: the caller (uid, primary gid, the supplementary groups the kernel reported
 * for the calling process), or root when policy elevated the run.
 *
 * @param home the user's home directory from the user database, or null when it has none (or it
 *     is not a directory)
 */
record Identity(int uid, int gid, List<Integer> groups, String user, Path home) {
    Identity {
        groups = List.copyOf(groups);
    }

    static Identity of(ActionContext context) {
        if (context.elevated()) {
            return new Identity(0, 0, List.of(0), "root", home(0));
        }
        Caller caller = context.caller();
        List<Integer> groups = new ArrayList<>(caller.groups());
        if (!groups.contains(caller.gid())) {
            groups.addFirst(caller.gid());
        }
        return new Identity(caller.uid(), caller.gid(), groups, caller.user(), home(caller.uid()));
    }

    private static Path home(int uid) {
        return Posix.passwd(uid).map(entry -> Path.of(entry.home()))
                .filter(path -> path.isAbsolute() && !path.equals(Path.of("/")) && Files.isDirectory(path))
                .orElse(null);
    }

    boolean isRoot() {
        return uid == 0;
    }
}
