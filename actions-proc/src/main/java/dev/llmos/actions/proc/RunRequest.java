package dev.llmos.actions.proc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * everything a sandbox needs to start one program.
 *
 * @param program the real path policy decided on; exactly this file is executed (it is also the
 *     program's {@code argv[0]})
 * @param args the arguments after the program
 * @param cwd the working directory
 * @param environment the program's whole environment
 * @param timeout when the whole tree is killed
 */
record RunRequest(Path program, List<String> args, Path cwd, Map<String, String> environment, Duration timeout,
        Limits limits, Identity identity) {
    RunRequest {
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
    }

    /** true when {@code cwd} lies in a directory the sandbox replaces with a private one ({@code /tmp}, {@code /var/tmp}). */
    boolean cwdInPrivateTmp() {
        return cwd.startsWith("/tmp") || cwd.startsWith("/var/tmp");
    }
}
