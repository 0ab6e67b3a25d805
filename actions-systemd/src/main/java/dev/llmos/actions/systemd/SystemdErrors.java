package dev.llmos.actions.systemd;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.posix.Posix;
import java.util.Locale;

/**
 * turns what systemd's tools print on failure into messages people act on: systemd is not running
 * here, permission denied (and what would grant it), no such unit, a job that failed.
 */
final class SystemdErrors {
    private SystemdErrors() {
    }

    /** true when the tool found no systemd to talk to (pid 1 is something else). */
    static boolean notBooted(String stderr) {
        return stderr.contains("has not been booted with systemd") || stderr.contains("Failed to connect to bus: Host is down");
    }

    /** true when systemd (or polkit on its behalf) refused the caller. */
    static boolean denied(String stderr) {
        return stderr.contains("Interactive authentication required") || stderr.contains("Access denied")
                || stderr.contains("Permission denied") || stderr.contains("insufficient permissions");
    }

    /** the failure for a system that has no running systemd. */
    static ActionException notBooted(Command.Result result) {
        return new ActionException("systemd is not running on this machine (pid 1 is not systemd), so there is no "
                + "service manager, journal or settings daemon to ask", result.exit(), result.err());
    }

    /**
     * the failure for a refused change: what needed root, whose privileges it ran with, and the
     * policy grant that would let it run as root.
     */
    static ActionException denied(String doing, String action, ActionContext context, Command.Result result) {
        int uid = Posix.getuid();
        String who = context.caller().uid() == uid ? context.caller().user() : "uid " + uid;
        return new ActionException("permission denied: " + doing + " needs root, and this ran with the privileges of "
                + who + " (uid " + uid + "); a policy rule with run_as = \"root\" must grant " + action
                + " to run it as root", result.exit(), result.err());
    }

    /**
     * the failure of {@code systemctl VERB UNIT} (or of a query on it), told in terms of the unit.
     *
     * @param doing what was attempted, e.g. {@code starting nginx.service}
     * @param action the action that asked, for the grant in a permission message
     */
    static ActionException systemctl(String doing, String action, String unit, Manager manager, ActionContext context,
            Command.Result result) {
        String err = result.err();
        if (!manager.user() && notBooted(err)) {
            return notBooted(result);
        }
        if (manager.user() && err.contains("Failed to connect to bus")) {
            return new ActionException("no user service manager is running for " + context.caller().user()
                    + ": user units need a login session, or lingering (loginctl enable-linger "
                    + context.caller().user() + ")", result.exit(), result.err());
        }
        if (denied(err)) {
            return denied(doing, action, context, result);
        }
        if (err.contains(" not found.") || err.contains("does not exist") || err.contains(" not loaded.")) {
            return new ActionException("no such unit: " + unit + (manager.user() ? " (in your user service manager)" : ""),
                    result.exit(), result.err());
        }
        if (err.contains("is masked")) {
            return new ActionException(unit + " is masked, so it cannot be started or enabled until it is unmasked",
                    result.exit(), result.err());
        }
        if (err.startsWith("Job for ")) {
            return new ActionException(doing + " failed: " + lowerFirst(result.firstError())
                    + " (its log: logs.query unit=" + unit + ")", result.exit(), result.err());
        }
        String reason = result.firstError().isEmpty() ? "exit status " + result.exit() : lowerFirst(result.firstError());
        return new ActionException(doing + " failed: " + reason, result.exit(), result.err());
    }

    static String lowerFirst(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
    }
}
