package dev.llmos.action;

import dev.llmos.posix.ResolvedPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** what an action may use while it runs, besides its params. */
public interface ActionContext {
    /** the identity the action runs for; the process already has these privileges. */
    Caller caller();

    /**
     * the caller's login session as its process environment describes it, limited to what locates
     * the session ({@code DISPLAY}, {@code XAUTHORITY}, {@code WAYLAND_DISPLAY},
     * {@code XDG_RUNTIME_DIR}, {@code XDG_SESSION_TYPE}, {@code DBUS_SESSION_BUS_ADDRESS}). read by
     * the daemon from the calling process, whose uid the kernel vouched for; empty when unknown.
     */
    Map<String, String> session();

    /**
     * true when policy granted this run root's privileges (a rule's {@code run_as = "root"}): the
     * process has them, and a {@link Confinement#LAUNCHER} action starts its work as root.
     */
    default boolean elevated() {
        return false;
    }

    /**
     * the capabilities policy granted an elevated run (names like {@code CAP_NET_BIND_SERVICE}), which
     * what the action starts as root may keep; empty, the default, means none at all.
     */
    default java.util.Set<String> capabilities() {
        return java.util.Set.of();
    }

    /**
     * the {@link PathParam} {@code param} as the daemon resolved it once, before policy decided on it:
     * the directory that holds the object and the object itself when it exists. an action acts
     * through these descriptors (and their {@code proc()} paths), never through the param's text,
     * so what it changes is what was decided on. empty when the param was not given.
     *
     * @throws ActionException when the path could not be resolved for the caller (no search
     *     permission on the way, a file where a directory is needed): the reason, naming the path
     */
    Optional<ResolvedPath> path(String param) throws ActionException;

    /** {@link #path} of a param the action requires. */
    default ResolvedPath requirePath(String param) throws ActionException {
        return path(param).orElseThrow(() -> new IllegalStateException("the path param " + param + " is absent"));
    }

    /**
     * the daemon's own paths (its sockets and state) that nothing an action starts may see or reach;
     * a sandbox hides them.
     */
    default List<Path> daemonPaths() {
        return List.of();
    }

    /** reports progress to the client; {@code fraction} in [0, 1] or null when unknown. */
    void progress(String message, Double fraction);

    /** true once the client cancelled; long actions check this and stop early. */
    boolean cancelled();

    /**
     * a directory private to the caller (mode 0700, owned by the caller) where a mutating action
     * keeps what it displaces, so that its inverse can bring it back. under the daemon's state
     * directory; the daemon purges it on request.
     */
    Path quarantine();

    /**
     * records how to reverse what this action just did: another action, run later through the
     * whole pipeline (validation, policy, audit) by {@code undo.apply}. an inverse must refuse
     * when the state it would restore over has changed since. call at most once, after the change.
     */
    void undoWith(String action, Record params);
}
