package dev.llmos.actions.systemd;

import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Caller;
import dev.llmos.posix.Posix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * the service manager an action talks to through systemctl: the system's, or the caller's own
 * user manager ({@code systemctl --user}). for the latter the process either is the caller (then
 * the caller's runtime directory and bus locate the manager) or is root acting for the caller
 * (then {@code --machine=USER@.host} reaches that user's manager); it never reaches anybody
 * else's.
 *
 * @param user true for the caller's user manager
 * @param context the action's context (caller, session, cancel)
 */
record Manager(boolean user, ActionContext context) {
    /** how long a query may take. */
    static final Duration QUERY = Duration.ofSeconds(30);
    /** how long a start, stop or restart may take: systemd's default start timeout is 90 s. */
    static final Duration CHANGE = Duration.ofSeconds(150);
    private static final int MAX_OUTPUT = 32 << 20;

    static Manager of(ActionContext context, Boolean user) {
        return new Manager(Boolean.TRUE.equals(user), context);
    }

    /** the argv of {@code systemctl ARGS} for this manager; args after a {@code --} are names. */
    List<String> argv(List<String> args) throws ActionException {
        List<String> argv = new ArrayList<>(List.of(Command.program("systemctl"), "--no-pager", "--no-ask-password"));
        if (user) {
            argv.add("--user");
            Caller caller = context.caller();
            int uid = Posix.getuid();
            if (uid != caller.uid()) {
                if (uid != 0) {
                    throw new ActionException("cannot reach the user service manager of " + caller.user()
                            + " from uid " + uid);
                }
                argv.add("--machine=" + caller.user() + "@.host");
            }
        }
        argv.addAll(args);
        return argv;
    }

    /** the environment of systemctl: for the caller's own user manager, where its bus is. */
    Map<String, String> environment() {
        Map<String, String> env = Command.baseEnvironment();
        if (user && Posix.getuid() == context.caller().uid()) {
            String runtime = context.session().getOrDefault("XDG_RUNTIME_DIR", "/run/user/" + context.caller().uid());
            env.put("XDG_RUNTIME_DIR", runtime);
            env.put("DBUS_SESSION_BUS_ADDRESS",
                    context.session().getOrDefault("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + runtime + "/bus"));
        }
        return env;
    }

    /** runs {@code systemctl ARGS} and returns what it printed, whatever its exit status. */
    Command.Result run(List<String> args, Duration timeout) throws ActionException {
        return Command.run(argv(args), environment(), timeout, MAX_OUTPUT, context);
    }

    /** the state of {@code unit}; an unknown unit has load state {@code not-found}. */
    UnitStatus status(String unit, String action) throws ActionException {
        Command.Result result = run(List.of("--timestamp=unix", "show", "-p", String.join(",", UnitStatus.PROPERTIES),
                "--", unit), QUERY);
        if (!result.ok()) {
            throw SystemdErrors.systemctl("reading the state of " + unit, action, unit, this, context, result);
        }
        return UnitStatus.parse(result.out());
    }

    /** a label for messages: the system's manager, or the caller's. */
    String label() {
        return user ? context.caller().user() + "'s user service manager" : "the system service manager";
    }
}
