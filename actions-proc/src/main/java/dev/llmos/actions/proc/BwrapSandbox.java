package dev.llmos.actions.proc;

import dev.llmos.action.ActionException;
import dev.llmos.posix.Posix;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * confinement without systemd: bubblewrap for the view of the system, a cgroup for the limits.
 *
 * <p>the command line, when the daemon is root:
 * {@code cgexec -g memory:G -g pids:G ... setpriv --ruid=U --euid=0 --regid=G --groups=... --no-new-privs --inh-caps=-all -- bwrap ... -- PROGRAM ARGS}.
 * <ul>
 * <li>cgexec (cgroup-tools) writes its own pid into the run's cgroup and then execs: every process
 * the run ever creates is born inside the group, so a fork bomb cannot outrun the move (writing a
 * started process's pid from outside would race with its first fork).</li>
 * <li>setpriv sets the caller's real uid, gid and supplementary groups but keeps effective uid 0;
 * bubblewrap then runs in its setuid mode: it builds the sandbox with privileges, drops every
 * capability and switches fully to the caller's uid before it execs the program. there is no user
 * namespace, so the kernel checks every file access against the caller's real ids and files show
 * their real owners. for a root identity (an elevated run) setpriv keeps root.</li>
 * <li>bubblewrap: the whole file system read-only, the caller's home read-write, private
 * {@code /tmp}, {@code /var/tmp} and {@code /dev} (null, zero, random, tty, shm), a fresh
 * {@code /proc} in a new pid namespace (so the run sees only its own processes and all of them die
 * with its first one), a new session (no terminal injection), and {@code --die-with-parent}.</li>
 * </ul>
 * a working directory inside {@code /tmp} or {@code /var/tmp} is bound read-only into the private one.
 *
 * <p>a daemon that is not root starts bubblewrap as itself (a user namespace then maps only its
 * uid; other owners show as nobody) and confines with a cgroup only when it can create one.
 */
final class BwrapSandbox implements Sandbox {
    /** the outer bubblewrap and the sandbox's init count against the tasks limit too. */
    static final int OVERHEAD_TASKS = 2;

    private final Cgroups cgroups;
    private final boolean root;

    BwrapSandbox(Cgroups cgroups) {
        this.cgroups = cgroups;
        this.root = Posix.getuid() == 0;
    }

    @Override
    public String name() {
        return cgroups.usable() ? "bwrap+cgroup" : "bwrap";
    }

    @Override
    public String unenforcedReason() {
        return cgroups.unusableReason();
    }

    @Override
    public Launched launch(RunRequest request) throws ActionException {
        String bwrap = Tools.require("bwrap", "bubblewrap");
        String setpriv = Tools.require("setpriv", "util-linux");
        String cgexec = cgroups.usable() ? Tools.require("cgexec", "cgroup-tools") : null;
        Cgroups.Run group = null;
        try {
            if (cgroups.usable()) {
                group = cgroups.create(request.limits(), OVERHEAD_TASKS);
            }
            List<String> command = new ArrayList<>();
            if (group != null) {
                command.add(cgexec);
                command.add("--sticky");
                command.addAll(group.cgexecOptions());
            }
            command.add(setpriv);
            command.addAll(identity(request.identity()));
            command.add("--");
            command.add(bwrap);
            command.addAll(view(request));
            command.add("--");
            command.add(request.program().toString());
            command.addAll(request.args());
            ProcessBuilder builder = new ProcessBuilder(command).directory(new File("/"));
            builder.environment().clear();
            builder.environment().putAll(request.environment());
            Process process = builder.start();
            return new Run(process, group);
        } catch (IOException e) {
            if (group != null) {
                group.close();
            }
            throw new ActionException("could not start the sandbox for " + request.program() + ": " + e.getMessage());
        }
    }

    /** setpriv's options: who the sandbox runs as. */
    private List<String> identity(Identity who) {
        List<String> options = new ArrayList<>();
        if (root) {
            if (who.isRoot()) {
                options.add("--reuid=0");
            } else {
                // real uid the caller, effective uid root: bubblewrap's setuid mode (see the class comment)
                options.add("--ruid=" + who.uid());
                options.add("--euid=0");
            }
            options.add("--regid=" + who.gid());
            options.add(who.groups().isEmpty() ? "--clear-groups"
                    : "--groups=" + who.groups().stream().map(String::valueOf).collect(Collectors.joining(",")));
        }
        options.add("--no-new-privs");
        options.add("--inh-caps=-all");
        return options;
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
        if (request.cwdInPrivateTmp() && Files.isDirectory(request.cwd())) {
            options.addAll(List.of("--ro-bind", request.cwd().toString(), request.cwd().toString()));
        }
        options.addAll(List.of(
                "--unshare-pid",
                "--unshare-ipc",
                "--die-with-parent",
                "--new-session",
                "--chdir", request.cwd().toString()));
        return options;
    }

    /** one run: the outer bubblewrap and, when limits are enforced, its cgroup. */
    private static final class Run implements Launched {
        private final Process process;
        private final Cgroups.Run group;

        Run(Process process, Cgroups.Run group) {
            this.process = process;
            this.group = group;
        }

        @Override
        public Process process() {
            return process;
        }

        @Override
        public KilledReason limitHit() {
            if (group == null) {
                return null;
            }
            if (group.oomKills() > 0) {
                return KilledReason.MEMORY;
            }
            if (group.tasksLimitHits() > 0) {
                return KilledReason.TASKS;
            }
            return null;
        }

        @Override
        public void kill() {
            // the outer bubblewrap first: its death takes the sandbox's init, and with it the pid namespace
            process.destroyForcibly();
            if (group != null) {
                group.killAll();
            }
        }

        @Override
        public Ending end(int status, OutputCapture stderr) throws ActionException {
            if (status != 0) {
                String tail = stderr.tail();
                String first = tail.lines().findFirst().orElse("");
                boolean setup = stderr.total() <= OutputCapture.TAIL
                        && (first.startsWith("bwrap: ") || first.startsWith("setpriv: ") || first.startsWith("cgexec: ")
                                || first.startsWith("cgroup change of group failed"));
                if (setup || (group != null && !group.everUsed())) {
                    throw new ActionException("the sandbox could not start the program: " + first.strip(), status, tail);
                }
            }
            return new Ending(status, Signals.fromStatus(status), null);
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                kill();
            }
            if (group != null) {
                group.close();
            }
        }
    }
}
