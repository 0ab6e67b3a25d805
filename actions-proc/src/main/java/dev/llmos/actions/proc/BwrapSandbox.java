package dev.llmos.actions.proc;

import dev.llmos.action.ActionException;
import dev.llmos.posix.Posix;
import dev.llmos.posix.Signal;
import dev.llmos.support.process.Output;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * confinement without systemd: {@link ConfinedCommand} (bubblewrap for the view, setpriv for the
 * identity) inside a cgroup this action creates for the limits:
 * {@code cgexec -g memory:G -g pids:G ... bwrap ... -- setpriv ... -- PROGRAM ARGS}. cgexec
 * (cgroup-tools) writes its own pid into the run's cgroup and then execs, so every process the run
 * ever creates is born inside the group: a fork bomb cannot outrun the move (writing a started
 * process's pid from outside would race with its first fork). a daemon that is not root confines
 * with a cgroup only when it can create one.
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
        String setpriv = root ? Tools.require("setpriv", "util-linux") : null;
        String cgexec = cgroups.usable() ? Tools.require("cgexec", "cgroup-tools") : null;
        Cgroups.Run group;
        try {
            group = cgroups.usable() ? cgroups.create(request.limits(), OVERHEAD_TASKS) : null;
        } catch (IOException e) {
            throw new ActionException("could not start the sandbox for " + request.program() + ": " + e.getMessage());
        }
        List<String> command = new ArrayList<>();
        if (group != null) {
            command.add(cgexec);
            command.add("--sticky");
            command.addAll(group.cgexecOptions());
        }
        command.addAll(ConfinedCommand.of(bwrap, setpriv, request, root));
        return new Run(command, request.environment(), group);
    }

    /** one run: cgexec and the outer bubblewrap and, when limits are enforced, its cgroup. */
    private record Run(List<String> argv, Map<String, String> environment, Cgroups.Run group) implements Launched {
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
        public void kill(Process process) {
            // the outer bubblewrap first: its death takes the sandbox's init, and with it the pid namespace
            process.destroyForcibly();
            if (group != null) {
                group.killAll();
            }
        }

        @Override
        public Ending end(int status, Output stderr) throws ActionException {
            if (status != 0) {
                ConfinedCommand.checkStarted(status, stderr);
                String tail = stderr.tail();
                String first = tail.lines().findFirst().orElse("");
                boolean setup = stderr.total() <= Output.TAIL
                        && (first.startsWith("cgexec: ") || first.startsWith("cgroup change of group failed"));
                if (setup || (group != null && !group.everUsed())) {
                    throw new ActionException("the sandbox could not start the program: " + first.strip(), status, tail);
                }
            }
            return new Ending(status, Signal.fromStatus(status).orElse(null), null);
        }

        @Override
        public void close() {
            if (group != null) {
                group.close();
            }
        }
    }
}
