package dev.llmos.actions.proc;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.posix.Fd;
import dev.llmos.posix.Posix;
import dev.llmos.posix.PosixException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code proc.signal}: sends one of a few signals to one of the caller's own processes. never to
 * pid 1, kernel threads, or this process and its ancestors (the daemon that runs the action). a
 * process of another user is refused unless policy elevated the run; the kernel checks again, as
 * the action runs with the caller's privileges. {@code stop} and {@code cont} undo each other; the
 * inverse names the process's start time, so it refuses a pid that has since been reused.
 */
public final class ProcSignalAction implements Action<ProcSignalAction.Params> {
    /** the pid limit of linux ({@code /proc/sys/kernel/pid_max} at most). */
    static final int MAX_PID = 1 << 22;
    private static final Path PROC = Path.of("/proc");

    /** the signals that may be sent; lowercase on the wire. */
    public enum Signal {
        TERM,
        KILL,
        HUP,
        INT,
        STOP,
        CONT,
        USR1,
        USR2
    }

    /**
     * params of {@code proc.signal}.
     *
     * @param pid the process
     * @param signal what to send
     * @param startTime when set, the process's start time (clock ticks after boot, field 22 of
     *     {@code /proc/PID/stat}); a process that started at another time is refused
     */
    public record Params(
            @NotNull @Min(2) @Max(MAX_PID)
            @JsonPropertyDescription("the process id") Integer pid,
            @JsonProperty(defaultValue = "term")
            @JsonPropertyDescription("term asks the process to exit, kill forces it, int is ctrl-c, hup asks it to "
                    + "reload or hang up, stop pauses it, cont resumes it, usr1 and usr2 mean what the program says")
            Signal signal,
            @Min(0)
            @JsonPropertyDescription("only signal the process if it started at this time (clock ticks after boot, as "
                    + "in /proc/PID/stat); guards against a reused pid")
            Long startTime) {
    }

    /**
     * what was sent.
     *
     * @param name the process's command name
     * @param user its owner
     * @param stateAfter {@code exited}, {@code zombie}, {@code stopped} or {@code running} shortly after
     */
    public record Signalled(int pid, String name, String user, Signal signal, String stateAfter) {
    }

    /** what {@code /proc/PID} says about a process. */
    record Target(int pid, String name, int uid, int ppid, char state, long startTime, boolean kernelThread) {
    }

    @Override
    public String name() {
        return "proc.signal";
    }

    @Override
    public String description() {
        return "send a signal (term, kill, hup, int, stop, cont, usr1, usr2) to one of your processes by pid";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "kill process 1234",
                "send hup to 4321",
                "terminate pid 5678",
                "force kill process 999",
                "kill -9 31337",
                "pause process 2468",
                "resume the stopped process 2468",
                "send usr1 to process 777",
                "interrupt process 3141 like ctrl-c",
                "tell process 4242 to reload its configuration",
                "stop process 1234",
                "gracefully stop pid 5555",
                "reload process 1234 with a hangup signal",
                "continue process 2468",
                "send SIGINT to process 4321");
    }

    /** undoable: a stopped process is continued and a continued one stopped; other signals cannot be taken back. */
    @Override
    public boolean undoable(Params params) {
        return params.signal() == Signal.STOP || params.signal() == Signal.CONT;
    }

    @Override
    public Risk risk() {
        return Risk.DESTRUCTIVE;
    }

    /** a delivered signal cannot be taken back. */
    @Override
    public boolean irreversible() {
        return true;
    }

    @Override
    public Optional<Target> preview(Params params, ActionContext context) throws ActionException {
        return Optional.of(check(params, context));
    }

    @Override
    public Signalled execute(Params params, ActionContext context) throws ActionException {
        Target target = check(params, context);
        Signal signal = signal(params);
        send(target, signal);
        String after = settle(target, signal);
        if (signal == Signal.STOP || signal == Signal.CONT) {
            context.undoWith(name(), new Params(target.pid(), signal == Signal.STOP ? Signal.CONT : Signal.STOP,
                    target.startTime()));
        }
        return new Signalled(target.pid(), target.name(), user(target.uid()), signal, after);
    }

    private static Signal signal(Params params) {
        return params.signal() == null ? Signal.TERM : params.signal();
    }

    /** the target, after every refusal that does not need the kernel. */
    static Target check(Params params, ActionContext context) throws ActionException {
        int pid = params.pid();
        if (pid <= 1) {
            throw new ActionException("pid " + pid + " is init and is never signalled");
        }
        for (Optional<ProcessHandle> self = Optional.of(ProcessHandle.current()); self.isPresent();
                self = self.get().parent()) {
            if (self.get().pid() == pid) {
                throw new ActionException("pid " + pid + " is the llm-osd daemon (or the process running this action) "
                        + "and is never signalled");
            }
        }
        Target target = read(pid).orElseThrow(() -> new ActionException("no process with pid " + pid));
        if (target.kernelThread()) {
            throw new ActionException("pid " + pid + " (" + target.name() + ") is a kernel thread");
        }
        if (params.startTime() != null && params.startTime() != target.startTime()) {
            throw new ActionException("pid " + pid + " is now another process (" + target.name() + ", started at "
                    + target.startTime() + " rather than " + params.startTime() + "); nothing was sent");
        }
        int caller = context.caller().uid();
        if (!context.elevated() && target.uid() != caller) {
            throw new ActionException("process " + pid + " (" + target.name() + ") belongs to " + user(target.uid())
                    + ", not to " + context.caller().user() + "; only your own processes can be signalled");
        }
        return target;
    }

    static Optional<Target> read(int pid) throws ActionException {
        Path dir = PROC.resolve(Integer.toString(pid));
        try {
            String status = Files.readString(dir.resolve("status"), StandardCharsets.UTF_8);
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.UTF_8);
            int close = stat.lastIndexOf(')');
            String[] fields = stat.substring(close + 2).split(" ");
            char state = fields[0].charAt(0);
            int ppid = Integer.parseInt(fields[1]);
            long startTime = Long.parseLong(fields[19]);
            long flags = Long.parseLong(fields[6]);
            // pf_kthread: the kernel's own threads (kthreadd and its children) ignore or must not get signals
            boolean kernel = (flags & 0x00200000L) != 0;
            String name = field(status, "Name");
            int uid = Integer.parseInt(field(status, "Uid").split("\\s+")[0]);
            return Optional.of(new Target(pid, name, uid, ppid, state, startTime, kernel));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (!Files.exists(dir)) {
                // reaped between the open and the read (the read fails with esrch): gone, as if never found
                return Optional.empty();
            }
            throw new ActionException("cannot read /proc/" + pid + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new ActionException("cannot read /proc/" + pid + ": " + e.getMessage());
        }
    }

    private static String field(String status, String key) {
        for (String line : status.lines().toList()) {
            if (line.startsWith(key + ":")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        throw new IllegalStateException("no " + key + " line");
    }

    /**
     * sends {@code signal} through a pidfd (pidfd_open(2), pidfd_send_signal(2)) opened before the
     * target is checked once more, so a pid that the target's exit freed and another process took
     * is never signalled; the kernel decides whether the caller may.
     */
    private static void send(Target target, Signal signal) throws ActionException {
        int pid = target.pid();
        dev.llmos.posix.Signal number = dev.llmos.posix.Signal.valueOf(signal.name());
        try (Fd pidfd = Posix.pidfd(pid)) {
            Optional<Target> now = read(pid);
            if (now.isEmpty() || now.get().startTime() != target.startTime()) {
                throw new ActionException("pid " + pid + " (" + target.name() + ") exited before the signal was sent; "
                        + "nothing was sent");
            }
            Posix.signal(pidfd, number);
        } catch (PosixException e) {
            String reason = switch (e.errno()) {
                case PosixException.EPERM -> "permission denied";
                case PosixException.ESRCH -> "the process exited";
                default -> e.reason();
            };
            throw new ActionException("could not send " + signal.name() + " to pid " + pid + ": " + reason);
        }
    }

    /** the target's state shortly after: waits up to a second for an ending signal to end it. */
    private static String settle(Target target, Signal signal) throws ActionException {
        long deadline = System.nanoTime() + (signal == Signal.KILL || signal == Signal.TERM || signal == Signal.INT
                || signal == Signal.HUP ? 1_000_000_000L : 300_000_000L);
        while (true) {
            Optional<Target> now = read(target.pid());
            String state = now.filter(t -> t.startTime() == target.startTime()).map(t -> switch (t.state()) {
                case 'Z', 'X' -> "zombie";
                case 'T', 't' -> "stopped";
                default -> "running";
            }).orElse("exited");
            boolean settled = switch (signal) {
                case STOP -> state.equals("stopped");
                case CONT -> !state.equals("stopped");
                case USR1, USR2 -> true;
                default -> !state.equals("running") && !state.equals("stopped");
            };
            if (settled || System.nanoTime() > deadline) {
                return state;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
        }
    }

    private static String user(int uid) {
        return Posix.passwd(uid).map(Posix.Passwd::name).orElse("uid " + uid);
    }
}
