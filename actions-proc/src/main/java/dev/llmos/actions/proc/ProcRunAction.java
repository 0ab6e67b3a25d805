package dev.llmos.actions.proc;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Confinement;
import dev.llmos.action.PathParam;
import dev.llmos.action.Programs;
import dev.llmos.action.Risk;
import dev.llmos.action.Sensitive;
import dev.llmos.posix.Fd;
import dev.llmos.posix.Posix;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import dev.llmos.support.process.Output;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code proc.run}: runs one program (an argv, never a shell string) as the caller, confined: a
 * transient systemd unit when systemd is pid 1, else bubblewrap in a cgroup of its own. memory, cpu
 * and tasks are limited for the whole process tree, which is killed at the timeout, on cancel and
 * when it hits the memory or tasks limit. returns the exit status and the captured output.
 *
 * <p>it is a {@link Confinement#LAUNCHER} action: in a root daemon it runs in the daemon, and
 * starts the program as {@code context.caller()} (uid, gid, supplementary groups), or as root only
 * when {@code context.elevated()}. a daemon that is not root starts programs only as its own user.
 */
public final class ProcRunAction implements Action<ProcRunAction.Params> {
    static final int MAX_ARGS = 256;
    static final int MAX_ARG = 8192;
    static final int MAX_STDIN = 1 << 20;
    static final int MAX_OUTPUT = 1 << 18;
    static final int MAX_TIMEOUT = 3600;

    /**
     * params of {@code proc.run}.
     *
     * @param argv the program and its arguments
     * @param cwd the working directory, default the home directory
     * @param env extra environment variables, only from an allowlist
     * @param stdin text for standard input
     * @param timeoutS seconds until the whole tree is killed
     * @param maxOutputBytes bytes kept of stdout and of stderr each
     * @param memoryMaxMb lowers the configured memory limit
     * @param tasksMax lowers the configured tasks limit
     */
    public record Params(
            @NotNull @Size(min = 1, max = MAX_ARGS) @PathParam(PathParam.Role.PROGRAM)
            @JsonPropertyDescription("the program and its arguments, one element each, never a shell command line: "
                    + "[\"ls\", \"-la\"]; a bare program name is looked up in the system directories "
                    + "(/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin), anything else must be an "
                    + "absolute path")
            List<@NotNull @Size(max = MAX_ARG) String> argv,
            @Size(min = 1, max = 4096) @PathParam(PathParam.Role.SOURCE)
            @JsonPropertyDescription("absolute path of the directory to run in (read-only unless it is inside the "
                    + "home directory); default the home directory")
            String cwd,
            @JsonPropertyDescription("extra environment variables as an object of names to string values, at most "
                    + EnvAllowlist.MAX_VARIABLES + "; only locale, time zone, terminal and output "
                    + "settings are allowed: LANG, LANGUAGE, LC_*, TZ, TERM, COLORTERM, NO_COLOR, CLICOLOR, "
                    + "CLICOLOR_FORCE, FORCE_COLOR, COLUMNS, LINES, PYTHONUNBUFFERED, PYTHONDONTWRITEBYTECODE, "
                    + "PYTHONIOENCODING, PYTHONHASHSEED")
            ObjectNode env,
            @Sensitive @Size(max = MAX_STDIN)
            @JsonPropertyDescription("text fed to the program's standard input; without it the input is empty")
            String stdin,
            @Min(1) @Max(MAX_TIMEOUT) @JsonProperty(defaultValue = "30")
            @JsonPropertyDescription("seconds until the program and everything it started is killed")
            Integer timeoutS,
            @Min(0) @Max(MAX_OUTPUT) @JsonProperty(defaultValue = "65536")
            @JsonPropertyDescription("bytes of stdout and of stderr (each) to return; the rest is counted and cut "
                    + "with a marker")
            Integer maxOutputBytes,
            @Min(8) @Max(1 << 20)
            @JsonPropertyDescription("memory limit in mib for the whole process tree; can only lower the configured "
                    + "limit (default 512)")
            Integer memoryMaxMb,
            @Min(1) @Max(1 << 16)
            @JsonPropertyDescription("how many processes and threads the tree may have at once; can only lower the "
                    + "configured limit (default 256)")
            Integer tasksMax) {
        public Params {
            if (argv != null) {
                for (int i = 0; i < argv.size(); i++) {
                    String arg = argv.get(i);
                    if (arg == null || arg.indexOf('\0') >= 0) {
                        throw new IllegalArgumentException("argv[" + i + "] must be a string without NUL characters");
                    }
                }
                if (!argv.isEmpty() && argv.getFirst().isEmpty()) {
                    throw new IllegalArgumentException("argv[0] must name a program");
                }
                argv = List.copyOf(argv);
            }
            if (cwd != null) {
                checkDirectory(cwd);
            }
            if (env != null) {
                EnvAllowlist.check(EnvAllowlist.strings(env));
                env = env.deepCopy();
            }
        }

        private static void checkDirectory(String cwd) {
            if (!cwd.startsWith("/") || cwd.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("cwd must be an absolute path: " + cwd);
            }
            for (String segment : cwd.split("/")) {
                if (segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("cwd must not contain . or .. segments: " + cwd);
                }
            }
        }
    }

    /**
     * the limits a run had.
     *
     * @param enforced false when this daemon cannot enforce memory, cpu and tasks limits (an
     *     unprivileged daemon without a usable cgroup); the timeout and cancel still end the tree
     * @param unenforcedReason why not, or null
     */
    public record AppliedLimits(int memoryMaxMb, int cpuQuotaPercent, int tasksMax, int timeoutS, boolean enforced,
            String unenforcedReason) {
    }

    /**
     * what the run did.
     *
     * @param exitCode the exit status; 128 + n when a signal n ended the program (as shells say)
     * @param signal the signal that ended it ({@code KILL}, {@code SEGV}...), or null
     * @param stdout standard output, cut at {@code max_output_bytes} with {@code …[truncated N bytes]}
     * @param stderr standard error, cut the same way
     * @param stdoutBytes every byte written to standard output, kept or not
     * @param stderrBytes every byte written to standard error
     * @param killedReason why the run was ended early: {@code timeout}, {@code memory}, {@code tasks},
     *     {@code cancelled}, or null when the program ended by itself
     * @param sandbox {@code systemd-run}, {@code bwrap+cgroup} or {@code bwrap}
     * @param program the file that ran (argv[0] resolved)
     * @param user who it ran as
     */
    public record Ran(int exitCode, String signal, String stdout, String stderr, long stdoutBytes, long stderrBytes,
            long durationMs, Sandbox.KilledReason killedReason, String sandbox, String program, String user,
            AppliedLimits limits) {
    }

    /**
     * what a run would do, for confirmation.
     *
     * @param program the file that would run
     * @param argv the arguments it would get, after the program
     * @param runAs the user it would run as
     */
    public record Planned(String program, List<String> argv, String cwd, String runAs, String sandbox,
            AppliedLimits limits) {
    }

    private final Limits limits;
    private final Supplier<Sandbox> sandboxes;

    /** the configured defaults ({@link Limits#DEFAULT}), and the sandbox this machine offers. */
    public ProcRunAction() {
        this(Limits.DEFAULT);
    }

    /** with the daemon's configured limits. */
    public ProcRunAction(Limits limits) {
        this(limits, ProcRunAction::chooseSandbox);
    }

    ProcRunAction(Limits limits, Supplier<Sandbox> sandboxes) {
        this.limits = limits;
        this.sandboxes = sandboxes;
    }

    /**
     * systemd-run when systemd is pid 1 (the system manager for a root daemon, the user's own
     * manager for an unprivileged one when it is reachable) and can enforce the limits; else
     * bubblewrap with a cgroup of its own. when neither can enforce limits (a container whose
     * systemd has no memory or pids controller, an unprivileged daemon without a cgroup), the unit is
     * still preferred under systemd, and the result says the limits are not enforced.
     */
    static Sandbox chooseSandbox() {
        if (SystemdRunSandbox.systemdBooted()) {
            SystemdRunSandbox systemd = Posix.getuid() == 0 ? new SystemdRunSandbox(false)
                    : SystemdRunSandbox.userManagerReachable() ? new SystemdRunSandbox(true) : null;
            if (systemd != null && systemd.enforcesLimits()) {
                return systemd;
            }
            BwrapSandbox bwrap = new BwrapSandbox(Cgroups.discover());
            return systemd == null || bwrap.enforcesLimits() ? bwrap : systemd;
        }
        return new BwrapSandbox(Cgroups.discover());
    }

    @Override
    public String name() {
        return "proc.run";
    }

    @Override
    public String description() {
        return "run a program with arguments as you, confined: read-only system, limited memory, cpu and processes, "
                + "killed at a timeout; returns exit code and output";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "run ls -la in /tmp",
                "execute uptime",
                "run the command df -h",
                "run git status in ~/src/app",
                "run python3 script.py in my project folder with a 10 second timeout",
                "execute make test in /home/me/build",
                "run echo hello world",
                "run grep -r TODO in my source directory",
                "execute the backup script /usr/local/bin/backup.sh and show me its output",
                "run wc -l on notes.txt with stdin from this text");
    }

    @Override
    public Risk risk() {
        return Risk.WRITE;
    }

    @Override
    public Confinement confinement() {
        return Confinement.LAUNCHER;
    }

    @Override
    public Optional<Planned> preview(Params params, ActionContext context) throws ActionException {
        Identity who = Identity.of(context);
        Path program = Path.of(context.requirePath("argv").path());
        Limits applied = limits.lowered(params.memoryMaxMb(), params.tasksMax());
        String kind = SystemdRunSandbox.systemdBooted() ? "systemd-run" : "bwrap";
        return Optional.of(new Planned(program.toString(), params.argv().subList(1, params.argv().size()),
                cwd(params, who).toString(), who.user() + " (uid " + who.uid() + ")", kind,
                new AppliedLimits(applied.memoryMaxMb(), applied.cpuQuotaPercent(), applied.tasksMax(),
                        timeout(params), true, null)));
    }

    @Override
    public Ran execute(Params params, ActionContext context) throws ActionException {
        Identity who = Identity.of(context);
        int daemonUid = Posix.getuid();
        if (daemonUid != 0 && who.uid() != daemonUid) {
            throw new ActionException("this daemon runs as uid " + daemonUid + " and can start programs only as that "
                    + "user, not as uid " + who.uid());
        }
        ResolvedPath decided = context.requirePath("argv");
        Optional<ResolvedPath> decidedCwd = context.path("cwd");
        Path program = Path.of(decided.path());
        Path cwd = decidedCwd.map(d -> Path.of(d.path())).orElseGet(() -> cwd(params, who));
        Fd programFile;
        String cwdSource = null;
        try {
            programFile = decided.requireObject();
            if (!decided.requireStat().isRegularFile()) {
                throw new ActionException("not a regular file: " + program);
            }
            if (decidedCwd.isPresent()) {
                Fd dir = decidedCwd.get().requireObject();
                if (!decidedCwd.get().requireStat().isDirectory()) {
                    throw new ActionException("the working directory is not a directory: " + cwd);
                }
                cwdSource = RunRequest.inPrivateTmp(cwd) ? source(dir) : null;
            }
        } catch (PosixException e) {
            throw new ActionException(e.reason() + ": " + e.getMessage().replaceFirst(": [^:]*$", ""));
        }
        if (context.elevated()) {
            RootControlled.require(decided, "the program");
            if (decidedCwd.isPresent()) {
                RootControlled.require(decidedCwd.get(), "the working directory");
            }
        }
        Limits applied = limits.lowered(params.memoryMaxMb(), params.tasksMax());
        Duration timeout = Duration.ofSeconds(timeout(params));
        RunRequest request = new RunRequest(program, source(programFile), params.argv().subList(1, params.argv().size()),
                cwd, cwdSource, environment(params, who), timeout, applied, who, context.daemonPaths(),
                context.elevated() ? context.capabilities() : Set.of());
        if (context.cancelled()) {
            throw new ActionException("proc.run: cancelled before the program started");
        }
        Sandbox sandbox = sandboxes.get();
        byte[] stdin = params.stdin() == null ? null : params.stdin().getBytes(StandardCharsets.UTF_8);
        int maxOutput = params.maxOutputBytes() == null ? 65536 : params.maxOutputBytes();
        Supervisor.Outcome outcome;
        try (Sandbox.Launched run = sandbox.launch(request)) {
            outcome = Supervisor.supervise(run, stdin, timeout, maxOutput, context, "proc.run " + program.getFileName());
        }
        AppliedLimits report = new AppliedLimits(applied.memoryMaxMb(), applied.cpuQuotaPercent(), applied.tasksMax(),
                (int) timeout.toSeconds(), sandbox.enforcesLimits(), sandbox.unenforcedReason());
        return new Ran(outcome.ending().exitCode(), outcome.ending().signal(), text(outcome.stdout()),
                text(outcome.stderr()), outcome.stdout().total(), outcome.stderr().total(), outcome.durationMs(),
                outcome.killedReason(), sandbox.name(), program.toString(), who.user(), report);
    }

    /** what the program wrote, followed by {@code …[truncated N bytes]} when bytes were dropped. */
    static String text(Output output) {
        return output.dropped() > 0 ? output.text() + "…[truncated " + output.dropped() + " bytes]" : output.text();
    }

    /** where the sandbox's setup finds exactly the object this process holds: its descriptor in /proc. */
    private static String source(Fd held) {
        return "/proc/" + ProcessHandle.current().pid() + "/fd/" + held.number();
    }

    private static Path cwd(Params params, Identity who) {
        if (params.cwd() != null) {
            return Path.of(params.cwd());
        }
        return who.home() != null ? who.home() : Path.of("/");
    }

    private static int timeout(Params params) {
        return params.timeoutS() == null ? 30 : params.timeoutS();
    }

    /** the program's whole environment: a fixed base for the identity, then the allowed extras. */
    static Map<String, String> environment(Params params, Identity who) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", Programs.SEARCH_PATH);
        environment.put("HOME", who.home() != null ? who.home().toString() : "/");
        environment.put("USER", who.user());
        environment.put("LOGNAME", who.user());
        environment.put("LANG", "C.UTF-8");
        if (params.env() != null) {
            environment.putAll(EnvAllowlist.strings(params.env()));
        }
        return environment;
    }
}
