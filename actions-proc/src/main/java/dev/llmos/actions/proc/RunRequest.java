package dev.llmos.actions.proc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * everything a sandbox needs to start one program.
 *
 * @param program the real path policy decided on; the sandbox shows exactly the decided file
 *     there ({@code programSource} bound over it) and executes it by that path
 * @param programSource a path that reaches the decided file itself from the sandbox's setup (the
 *     daemon's {@code /proc/PID/fd/N} of the descriptor it holds), never the name again
 * @param args the arguments after the program
 * @param cwd the working directory
 * @param cwdSource like {@code programSource}, for a working directory under a private {@code /tmp}
 *     (the sandbox shows exactly that directory there), else null
 * @param environment the program's whole environment
 * @param timeout when the whole tree is killed
 * @param hidden paths nothing in the sandbox may see (the daemon's sockets and state)
 * @param capabilities the capabilities policy granted the run (names like {@code CAP_NET_BIND_SERVICE}),
 *     usually none
 */
record RunRequest(Path program, String programSource, List<String> args, Path cwd, String cwdSource,
        Map<String, String> environment, Duration timeout, Limits limits, Identity identity, List<Path> hidden,
        Set<String> capabilities) {
    RunRequest {
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
        hidden = List.copyOf(hidden);
        capabilities = Set.copyOf(capabilities);
    }

    /** true when {@code path} lies in a directory the sandbox replaces with a private one ({@code /tmp}, {@code /var/tmp}). */
    static boolean inPrivateTmp(Path path) {
        return path.startsWith("/tmp") || path.startsWith("/var/tmp");
    }

    boolean cwdInPrivateTmp() {
        return inPrivateTmp(cwd);
    }
}
