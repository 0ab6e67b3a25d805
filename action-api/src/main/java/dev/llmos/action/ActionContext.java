package dev.llmos.action;

import java.nio.file.Path;
import java.util.Map;

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
