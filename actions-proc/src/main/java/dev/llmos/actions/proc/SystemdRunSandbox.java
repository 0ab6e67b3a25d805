package dev.llmos.actions.proc;

import dev.llmos.action.ActionException;
import dev.llmos.action.Confinement;
import dev.llmos.posix.Signal;
import dev.llmos.support.process.Output;
import dev.llmos.support.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * confinement by systemd (pid 1 is systemd): each run is a transient service,
 * {@code systemd-run --unit=llm-osd-run-<random> --wait --pipe --quiet --service-type=exec}, that
 * holds the limits ({@code MemoryMax=} with {@code MemorySwapMax=0}, {@code CPUQuota=},
 * {@code TasksMax=}), {@code OOMPolicy=stop} and {@code RuntimeMaxSec=} as a backstop should the
 * daemon die mid-run; what it runs is {@link ConfinedCommand} (bubblewrap for the view, setpriv for
 * the identity), the same confinement as without systemd, so the decided program file is bound
 * into the view from the daemon's own descriptor and nothing re-resolves its name. the unit itself
 * runs as root (the service manager's user for {@code --user}) only until setpriv drops to the
 * caller.
 *
 * <p>the unit is not {@code --collect}ed: when it fails, its result ({@code oom-kill},
 * {@code timeout}, {@code signal}, {@code exit-code}) and main exit status are read with
 * {@code systemctl show} once systemd-run returns, then the unit is reset. a successful unit is
 * garbage-collected by systemd at once. ending the run early is {@code systemctl kill --signal=SIGKILL}
 * on the unit (its whole cgroup). a tasks-limit hit is read from the unit cgroup's
 * {@code pids.events}, located with {@code systemctl show -p ControlGroup}.
 *
 * <p>systemd expands {@code $VAR} in command arguments, so every {@code $} of an argument is passed as
 * {@code $$}. the program runs with its real path as {@code argv[0]}.
 */
final class SystemdRunSandbox implements Sandbox {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** how long after the timeout systemd stops the unit itself, should this process be gone by then. */
    static final int BACKSTOP_SECONDS = 2;
    /** a run this young is not looked up yet: most programs end sooner, and the lookup costs a systemctl call. */
    static final long LOCATE_AFTER_NANOS = 150_000_000L;

    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    private final boolean user;
    private final String unenforced;

    /** @param user true for the calling user's own service manager ({@code --user}), false for the system one */
    SystemdRunSandbox(boolean user) {
        this(user, missingControllers(user));
    }

    SystemdRunSandbox(boolean user, String unenforced) {
        this.user = user;
        this.unenforced = unenforced;
    }

    /**
     * why the service manager cannot limit memory and tasks, or null when it can. on the unified
     * hierarchy the controllers must be offered at the root (system) or delegated to the user's
     * manager; on a legacy or hybrid one, systemd must manage the v1 {@code memory} and {@code pids}
     * trees, where it keeps a {@code system.slice}. a container booted on a cgroup v1 host
     * (systemd-nspawn) gets neither: systemd there accepts {@code MemoryMax=} and {@code TasksMax=}
     * and silently enforces nothing.
     */
    static String missingControllers(boolean user) {
        List<String> needed = List.of("memory", "pids");
        try {
            if (Files.exists(CGROUP_ROOT.resolve("cgroup.controllers"))) {
                Path offered = CGROUP_ROOT.resolve("cgroup.controllers");
                if (user) {
                    offered = userManagerGroup();
                    if (offered == null) {
                        return "the user's service manager's cgroup was not found";
                    }
                    offered = offered.resolve("cgroup.subtree_control");
                }
                List<String> controllers = List.of(Files.readString(offered).strip().split("\\s+"));
                if (!controllers.containsAll(needed)) {
                    return (user ? "the user's service manager is delegated only " : "systemd's cgroup tree offers only ")
                            + controllers + ", not memory and pids";
                }
                return null;
            }
            if (user) {
                return "the user's service manager cannot limit resources on a legacy cgroup hierarchy";
            }
            for (String controller : needed) {
                if (!Files.isDirectory(CGROUP_ROOT.resolve(controller).resolve("system.slice"))) {
                    return "systemd manages no " + controller + " controller here (as in a container on a cgroup v1 host)";
                }
            }
            return null;
        } catch (IOException e) {
            return "cannot read the cgroup controllers: " + e.getMessage();
        }
    }

    /** the cgroup of this process's user manager ({@code user@UID.service}) on the unified hierarchy, or null. */
    private static Path userManagerGroup() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            if (line.startsWith("0::/")) {
                String path = line.substring(4);
                int at = path.indexOf(".service");
                int manager = path.indexOf("user@");
                if (manager >= 0 && at > manager) {
                    return CGROUP_ROOT.resolve(path.substring(0, at + ".service".length()));
                }
            }
        }
        return null;
    }

    /** true when pid 1 is systemd. */
    static boolean systemdBooted() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
    }

    /** true when this (non-root) process's user has a running service manager it can reach. */
    static boolean userManagerReachable() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        return runtime != null && Files.exists(Path.of(runtime, "systemd", "private"));
    }

    @Override
    public String name() {
        return "systemd-run";
    }

    @Override
    public String unenforcedReason() {
        return unenforced;
    }

    @Override
    public Launched launch(RunRequest request) throws ActionException {
        String systemdRun = Tools.require("systemd-run", "systemd");
        String systemctl = Tools.require("systemctl", "systemd");
        String bwrap = Tools.require("bwrap", "bubblewrap");
        String setpriv = user ? null : Tools.require("setpriv", "util-linux");
        String unit = Confinement.SANDBOX_CGROUP_PREFIX + HexFormat.of().formatHex(bytes()) + ".service";
        return new Run(command(systemdRun, bwrap, setpriv, unit, request), environment(user), unit, systemctl, user);
    }

    /**
     * what systemd-run itself runs with: the daemon's own environment for the user's manager (its
     * bus is found through it), only {@code PATH} for the system one; the unit's own environment
     * comes from {@code --setenv}.
     */
    static Map<String, String> environment(boolean user) {
        Map<String, String> own = System.getenv();
        if (user) {
            return own;
        }
        return own.containsKey("PATH") ? Map.of("PATH", own.get("PATH")) : Map.of();
    }

    private static byte[] bytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** the systemd-run command line of one run. */
    List<String> command(String systemdRun, String bwrap, String setpriv, String unit, RunRequest request) {
        Limits limits = request.limits();
        List<String> command = new ArrayList<>(List.of(systemdRun));
        if (user) {
            command.add("--user");
        }
        command.addAll(List.of("--unit=" + unit, "--description=llm-osd proc.run for " + request.identity().user(),
                "--quiet", "--wait", "--pipe", "--service-type=exec"));
        List<String> properties = List.of(
                "MemoryMax=" + limits.memoryMaxBytes(),
                "MemorySwapMax=0",
                "CPUQuota=" + limits.cpuQuotaPercent() + "%",
                "TasksMax=" + (limits.tasksMax() + BwrapSandbox.OVERHEAD_TASKS),
                "OOMPolicy=stop",
                "KillMode=control-group",
                "TimeoutStopSec=5",
                "RuntimeMaxSec=" + (request.timeout().toSeconds() + BACKSTOP_SECONDS));
        for (String property : properties) {
            command.add("--property=" + property);
        }
        for (Map.Entry<String, String> variable : new java.util.TreeMap<>(request.environment()).entrySet()) {
            command.add("--setenv=" + variable.getKey() + "=" + variable.getValue());
        }
        command.add("--");
        for (String arg : ConfinedCommand.of(bwrap, setpriv, request, !user)) {
            command.add(arg.replace("$", "$$"));
        }
        return command;
    }

    /** one transient unit. */
    private static final class Run implements Launched {
        private final List<String> argv;
        private final Map<String, String> environment;
        private final String unit;
        private final String systemctl;
        private final boolean user;
        private final long started = System.nanoTime();
        private Path pidsEvents;
        private Path oomEvents;
        private boolean located;
        private boolean succeeded;

        Run(List<String> argv, Map<String, String> environment, String unit, String systemctl, boolean user) {
            this.argv = List.copyOf(argv);
            this.environment = Map.copyOf(environment);
            this.unit = unit;
            this.systemctl = systemctl;
            this.user = user;
        }

        @Override
        public List<String> argv() {
            return argv;
        }

        @Override
        public Map<String, String> environment() {
            return environment;
        }

        @Override
        public KilledReason limitHit() {
            if (!located && System.nanoTime() - started > LOCATE_AFTER_NANOS) {
                located = true;
                locate();
            }
            if (oomEvents != null && Cgroups.counter(oomEvents, "oom_kill") > 0) {
                return KilledReason.MEMORY;
            }
            if (pidsEvents != null && Cgroups.counter(pidsEvents, "max") > 0) {
                return KilledReason.TASKS;
            }
            return null;
        }

        /**
         * finds the unit's counters: {@code pids.events} (forks refused at {@code TasksMax=}) and the
         * oom kill count, which systemd itself turns into the result {@code oom-kill} only on the
         * unified hierarchy.
         */
        private void locate() {
            String group = show("ControlGroup").get("ControlGroup");
            if (group == null || !group.startsWith("/")) {
                return;
            }
            String relative = group.substring(1);
            Path unified = CGROUP_ROOT.resolve(relative);
            if (Files.exists(unified.resolve("pids.events"))) {
                pidsEvents = unified.resolve("pids.events");
                oomEvents = unified.resolve("memory.events");
                return;
            }
            Path pids = CGROUP_ROOT.resolve("pids").resolve(relative).resolve("pids.events");
            Path memory = CGROUP_ROOT.resolve("memory").resolve(relative).resolve("memory.oom_control");
            pidsEvents = Files.exists(pids) ? pids : null;
            oomEvents = Files.exists(memory) ? memory : null;
        }

        /**
         * kills the unit's whole cgroup; should systemd-run still be waiting five seconds later, stops
         * the unit (which kills again), and only then gives up on systemd-run itself.
         */
        @Override
        public void kill(Process process) {
            systemctl("kill", "--signal=SIGKILL");
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    systemctl("stop");
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public Ending end(int status, Output stderr) throws ActionException {
            if (status == 0) {
                succeeded = true;
                return new Ending(0, null, null);
            }
            ConfinedCommand.checkStarted(status, stderr);
            Map<String, String> unitState = show("LoadState", "Result", "ExecMainCode", "ExecMainStatus");
            String result = unitState.getOrDefault("Result", "");
            if (!"loaded".equals(unitState.get("LoadState"))) {
                throw new ActionException("systemd-run could not start the unit: " + stderr.tail().strip(), status,
                        stderr.tail());
            }
            int code = parse(unitState.get("ExecMainCode"));
            int mainStatus = parse(unitState.get("ExecMainStatus"));
            KilledReason reason = switch (result) {
                case "oom-kill" -> KilledReason.MEMORY;
                case "timeout" -> KilledReason.TIMEOUT;
                default -> null;
            };
            if (code == 2 || code == 3) {
                return new Ending(128 + mainStatus, Signal.name(mainStatus), reason);
            }
            if (result.equals("exit-code") && mainStatus == 203) {
                throw new ActionException("systemd could not execute the sandbox (unit status 203)", mainStatus,
                        stderr.tail());
            }
            return new Ending(code == 1 ? mainStatus : status, null, reason);
        }

        private static int parse(String value) {
            try {
                return value == null ? 0 : Integer.parseInt(value);
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        private Map<String, String> show(String... properties) {
            List<String> args = new ArrayList<>(List.of("show"));
            for (String property : properties) {
                args.add("--property=" + property);
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String line : systemctl(args.toArray(String[]::new)).lines().toList()) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return values;
        }

        /** runs {@code systemctl [--user] VERB... -- UNIT}; its output, or "" when it failed. */
        private String systemctl(String... verb) {
            List<String> command = new ArrayList<>(List.of(systemctl));
            if (user) {
                command.add("--user");
            }
            command.addAll(List.of(verb));
            command.add("--");
            command.add(unit);
            try {
                ProcessRunner.Result result = ProcessRunner.of(command).environment(environment)
                        .timeout(Duration.ofSeconds(10)).run();
                return result.ok() ? result.stdout().text() : "";
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }

        @Override
        public void close() {
            if (!succeeded) {
                // a failed unit stays loaded until reset; a successful one is already gone
                systemctl("reset-failed");
            }
        }
    }
}
