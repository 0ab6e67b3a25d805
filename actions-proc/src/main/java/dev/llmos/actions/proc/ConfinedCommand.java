package dev.llmos.actions.proc;

import dev.llmos.action.ActionException;
import dev.llmos.support.process.Output;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * the one command line that confines a program, whatever holds its resources (a cgroup entered
 * with cgexec, or a transient systemd unit): bubblewrap for what it sees, then, in a root daemon,
 * setpriv inside the sandbox for who it is.
 *
 * <p>what the program sees: the whole file system read-only (protected trees included, for root
 * too), its home read-write, private {@code /tmp}, {@code /var/tmp} and {@code /dev}, a fresh
 * {@code /proc} in a new pid namespace (it sees only its own processes, and every one dies with
 * its first), a new session (no terminal injection), the daemon's sockets and state hidden, and
 * the decided program file bound over its own path, so that renaming or swapping anything outside
 * cannot change what runs.
 *
 * <p>who it is, in a root daemon: bubblewrap runs as root and keeps only the capabilities setpriv
 * needs (setuid, setgid, setpcap) plus any that policy granted; setpriv then sets the caller's
 * uid, gid and groups (or root for an elevated run), sets {@code no_new_privs}, empties the
 * inheritable set and drops the bounding set to the granted capabilities, and executes the
 * program. a caller's program ends with no capabilities, root's with only the granted ones: it
 * cannot mount, remount or write a protected tree. a daemon that is not root runs bubblewrap as
 * itself (a user namespace) and needs no setpriv.
 */
final class ConfinedCommand {
    /** what setpriv needs to set an identity and drop the bounding set. */
    private static final List<String> SETPRIV_CAPABILITIES = List.of("CAP_SETUID", "CAP_SETGID", "CAP_SETPCAP");

    private ConfinedCommand() {
    }

    /** {@code bwrap OPTIONS -- [setpriv OPTIONS --] PROGRAM ARGS}. */
    static List<String> of(String bwrap, String setpriv, RunRequest request, boolean rootDaemon) {
        List<String> command = new ArrayList<>();
        command.add(bwrap);
        command.addAll(view(request));
        if (rootDaemon) {
            command.addAll(List.of("--cap-drop", "ALL"));
            for (String capability : capabilities(request)) {
                command.addAll(List.of("--cap-add", capability));
            }
        }
        command.add("--");
        if (rootDaemon) {
            command.add(setpriv);
            command.addAll(identity(request));
            command.add("--");
        }
        command.add(request.program().toString());
        command.addAll(request.args());
        return command;
    }

    /** bubblewrap's options: what the program sees. */
    static List<String> view(RunRequest request) {
        List<String> options = new ArrayList<>(List.of(
                "--ro-bind", "/", "/",
                "--dev", "/dev",
                "--proc", "/proc",
                "--tmpfs", "/tmp",
                "--tmpfs", "/var/tmp"));
        Path home = request.identity().home();
        if (home != null) {
            options.addAll(List.of("--bind", home.toString(), home.toString()));
        }
        if (request.cwdSource() != null) {
            options.addAll(List.of("--ro-bind", request.cwdSource(), request.cwd().toString()));
        }
        for (Path hidden : request.hidden()) {
            if (RunRequest.inPrivateTmp(hidden) || !Files.exists(hidden, LinkOption.NOFOLLOW_LINKS)) {
                // already absent from the private /tmp, or nothing there to hide
                continue;
            }
            if (Files.isDirectory(hidden, LinkOption.NOFOLLOW_LINKS)) {
                options.addAll(List.of("--tmpfs", hidden.toString()));
            } else {
                options.addAll(List.of("--ro-bind", "/dev/null", hidden.toString()));
            }
        }
        options.addAll(List.of("--ro-bind", request.programSource(), request.program().toString()));
        options.addAll(List.of(
                "--unshare-pid",
                "--unshare-ipc",
                "--die-with-parent",
                "--new-session",
                "--chdir", request.cwd().toString()));
        return options;
    }

    /** setpriv's options: the identity the program runs as, with no privileges beyond the granted ones. */
    static List<String> identity(RunRequest request) {
        Identity who = request.identity();
        List<String> options = new ArrayList<>();
        options.add("--reuid=" + who.uid());
        options.add("--regid=" + who.gid());
        options.add(who.groups().isEmpty() ? "--clear-groups"
                : "--groups=" + who.groups().stream().map(String::valueOf).collect(Collectors.joining(",")));
        options.add("--no-new-privs");
        options.add("--inh-caps=-all");
        StringBuilder bounding = new StringBuilder("--bounding-set=-all");
        for (String capability : new TreeSet<>(request.capabilities())) {
            bounding.append(",+").append(setprivName(capability));
        }
        options.add(bounding.toString());
        return options;
    }

    /** the capabilities bubblewrap keeps for setpriv: its own needs and the granted ones, sorted. */
    private static List<String> capabilities(RunRequest request) {
        TreeSet<String> capabilities = new TreeSet<>(SETPRIV_CAPABILITIES);
        capabilities.addAll(request.capabilities());
        return List.copyOf(capabilities);
    }

    /**
     * throws when a run that ended with {@code status} never started the program: bubblewrap or
     * setpriv failed (their message is the whole of a short stderr).
     */
    static void checkStarted(int status, Output stderr) throws ActionException {
        if (status == 0 || stderr.total() > Output.TAIL) {
            return;
        }
        String tail = stderr.tail();
        String first = tail.lines().findFirst().orElse("");
        if (first.startsWith("bwrap: ") || first.startsWith("setpriv: ")) {
            throw new ActionException("the sandbox could not start the program: " + first.strip(), status, tail);
        }
    }

    /** setpriv spells {@code CAP_NET_BIND_SERVICE} as {@code net_bind_service}. */
    private static String setprivName(String capability) {
        return capability.toLowerCase(Locale.ROOT).replaceFirst("^cap_", "");
    }
}
