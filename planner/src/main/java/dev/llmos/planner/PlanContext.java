package dev.llmos.planner;

import dev.llmos.action.Caller;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.posix.Posix;
import java.nio.file.Path;
import java.util.Objects;

/**
 * what a planner knows besides the words: the actions it may use and who is asking.
 *
 * @param catalog the actions a plan may use
 * @param caller who asked
 * @param home the caller's home directory, absolute; null when unknown ("my downloads" then cannot be resolved)
 * @param cwd the caller's working directory, absolute; null when unknown ("here" and relative names then
 *     cannot be resolved)
 * @param remoteConsent the person agreed that this request may go to a remote llm
 * @param machine what names (units, packages, users, programs, zones) exist, to ground the request in
 */
public record PlanContext(ActionCatalog catalog, Caller caller, Path home, Path cwd, boolean remoteConsent,
        Machine machine) {
    /** the machine the daemon runs on. */
    private static final Machine LOCAL = new LocalMachine();

    public PlanContext(ActionCatalog catalog, Caller caller, Path home, Path cwd) {
        this(catalog, caller, home, cwd, false, LOCAL);
    }

    /** this context with the person's consent to send the request to a remote llm. */
    public PlanContext withRemoteConsent() {
        return new PlanContext(catalog, caller, home, cwd, true, machine);
    }

    /** this context on another machine's facts (tests and evaluations describe one). */
    PlanContext on(Machine other) {
        return new PlanContext(catalog, caller, home, cwd, remoteConsent, other);
    }

    public PlanContext {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(machine, "machine");
        requireAbsolute(home, "home");
        requireAbsolute(cwd, "cwd");
    }

    /**
     * the context of {@code caller}, whose home comes from the user database; {@code cwd} may be null
     * (the daemon can read it from {@code /proc/<pid>/cwd} of the peer).
     */
    public static PlanContext of(ActionCatalog catalog, Caller caller, Path cwd) {
        Path home = Posix.passwd(caller.uid()).map(entry -> Path.of(entry.home())).filter(Path::isAbsolute).orElse(null);
        return new PlanContext(catalog, caller, home, cwd);
    }

    private static void requireAbsolute(Path path, String what) {
        if (path != null && !path.isAbsolute()) {
            throw new IllegalArgumentException(what + " must be absolute: " + path);
        }
    }
}
