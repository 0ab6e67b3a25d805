package dev.llmos.actions.system.proc;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.actions.system.support.MemInfo;
import dev.llmos.actions.system.support.Owners;
import dev.llmos.actions.system.support.ProcFs;
import dev.llmos.actions.system.support.TextFiles;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code proc.list}: the top processes by cpu or memory, measured like top(1) over a short window. */
public final class ProcListAction implements Action<ProcListAction.Params> {
    /** how long cpu use is measured: two reads of every process's counters this far apart. */
    static final Duration WINDOW = Duration.ofMillis(200);
    /** command lines longer than this are cut. */
    static final int MAX_CMDLINE = 1024;

    /** what to rank processes by. */
    public enum Sort {
        CPU,
        MEMORY
    }

    /**
     * params of {@code proc.list}.
     *
     * @param sort the ranking
     * @param limit how many processes to return
     */
    public record Params(
            @JsonProperty(defaultValue = "cpu")
            @JsonPropertyDescription("rank by cpu use over a short window, or by resident memory") Sort sort,
            @Min(1) @Max(1000) @JsonProperty(defaultValue = "15")
            @JsonPropertyDescription("how many of the top processes to return") Integer limit) {
    }

    /**
     * the top processes.
     *
     * @param total processes visible to the caller
     * @param windowMs how long cpu use was measured
     */
    public record ProcessList(int total, long windowMs, List<ProcessInfo> processes) {
    }

    /**
     * one process.
     *
     * @param user the effective user
     * @param name the command name (at most 15 bytes)
     * @param cmdline the arguments joined by spaces, cut at 1024 characters; empty for kernel threads
     * @param state e.g. {@code running}, {@code sleeping}, {@code zombie}
     * @param cpuPercent share of one cpu over the window, so a process can exceed 100
     * @param memoryPercent resident memory as a share of all memory
     * @param startTime when it started, iso-8601 in utc
     */
    public record ProcessInfo(long pid, long ppid, String user, String name, String cmdline, String state,
            int threads, long rssBytes, double memoryPercent, double cpuPercent, String startTime) {
    }

    /** a process seen in both reads. */
    private record Sample(ProcStat stat, double cpuPercent, int uid, long rssBytes) {
    }

    @Override
    public String name() {
        return "proc.list";
    }

    @Override
    public String description() {
        return "list the running processes using the most cpu or memory, like top";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "what's using all my cpu?",
                "top",
                "show running processes",
                "which programs use the most memory",
                "ps aux",
                "why is the machine so slow, what is running",
                "list the top 10 processes by ram",
                "what's hogging the processor",
                "is java still running",
                "show me the biggest memory hogs",
                "task manager",
                "whcih process eats cpu",
                "ps -ef",
                "list all processes",
                "which process uses the most memory",
                "show the top 5 processes by cpu",
                "what programs are running",
                "is nginx running",
                "what's eating my memory",
                "pgrep",
                "show the processes as a tree of parents and children",
                "pstree",
                "start top sorted by memory");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public ProcessList execute(Params params, ActionContext context) throws ActionException {
        Map<Long, ProcStat> before = new HashMap<>();
        for (long pid : pids()) {
            readStat(pid, before);
        }
        long start = System.nanoTime();
        try {
            Thread.sleep(WINDOW);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionException("interrupted");
        }
        Map<Long, ProcStat> after = new HashMap<>();
        List<Long> pids = pids();
        for (long pid : pids) {
            readStat(pid, after);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Sample> samples = new ArrayList<>(after.size());
        for (ProcStat stat : after.values()) {
            ProcStat earlier = before.get(stat.pid());
            // a pid reused, or a process started in the window: all of its time is in the window
            long base = earlier != null && earlier.startTicks() == stat.startTicks() ? earlier.cpuTicks() : 0;
            double cpu = (stat.cpuTicks() - base) * 100.0 / ProcStat.TICKS_PER_SECOND / seconds;
            try {
                Map<String, String> status = TextFiles.keyValues(TextFiles.read(ProcFs.file(stat.pid(), "status")));
                samples.add(new Sample(stat, cpu, effectiveUid(status), rssBytes(status)));
            } catch (IOException e) {
                // gone since its stat was read
            }
        }
        samples.sort(ranking(params.sort()));
        return new ProcessList(pids.size(), WINDOW.toMillis(), top(samples, params.limit()));
    }

    private static Comparator<Sample> ranking(Sort sort) {
        Comparator<Sample> byCpu = Comparator.comparingDouble(Sample::cpuPercent);
        Comparator<Sample> byMemory = Comparator.comparingLong(Sample::rssBytes);
        Comparator<Sample> order = sort == Sort.CPU ? byCpu.thenComparing(byMemory) : byMemory.thenComparing(byCpu);
        return order.reversed().thenComparingLong(s -> s.stat().pid());
    }

    private static List<ProcessInfo> top(List<Sample> ranked, int limit) throws ActionException {
        long memTotal;
        long bootSecond;
        try {
            memTotal = MemInfo.read().totalBytes();
            bootSecond = bootTime();
        } catch (IOException e) {
            throw ActionException.at(ProcFs.ROOT.toString(), e);
        }
        Owners owners = new Owners();
        List<ProcessInfo> top = new ArrayList<>(limit);
        for (Sample sample : ranked) {
            if (top.size() == limit) {
                break;
            }
            ProcStat stat = sample.stat();
            String cmdline;
            try {
                cmdline = cmdline(stat.pid());
            } catch (IOException e) {
                continue;
            }
            Instant started = Instant.ofEpochSecond(bootSecond)
                    .plusMillis(stat.startTicks() * 1000 / ProcStat.TICKS_PER_SECOND);
            top.add(new ProcessInfo(stat.pid(), stat.ppid(), owners.user(sample.uid()), stat.name(), cmdline,
                    stat.stateName(), stat.threads(), sample.rssBytes(),
                    round(memTotal == 0 ? 0 : sample.rssBytes() * 100.0 / memTotal), round(sample.cpuPercent()),
                    started.toString()));
        }
        return top;
    }

    private static List<Long> pids() throws ActionException {
        try {
            return ProcFs.pids();
        } catch (IOException e) {
            throw ActionException.at(ProcFs.ROOT.toString(), e);
        }
    }

    private static void readStat(long pid, Map<Long, ProcStat> into) {
        try {
            into.put(pid, ProcStat.read(pid));
        } catch (IOException e) {
            // exited between the directory listing and the read
        }
    }

    /** the second of the {@code Uid:} line's real, effective, saved and filesystem ids. */
    private static int effectiveUid(Map<String, String> status) {
        return Integer.parseInt(status.get("Uid").split("\\s+")[1]);
    }

    /** {@code VmRSS:} in bytes; kernel threads have none. */
    private static long rssBytes(Map<String, String> status) {
        String rss = status.get("VmRSS");
        return rss == null ? 0 : Long.parseLong(rss.split("\\s+")[0]) * 1024;
    }

    private static String cmdline(long pid) throws IOException {
        String raw = TextFiles.readPrefix(ProcFs.file(pid, "cmdline"), MAX_CMDLINE * 4);
        String joined = raw.replace('\0', ' ').strip();
        return joined.length() <= MAX_CMDLINE ? joined : joined.substring(0, MAX_CMDLINE);
    }

    /** {@code btime} of /proc/stat: the boot time in seconds since the epoch. */
    private static long bootTime() throws IOException {
        for (String line : TextFiles.read(ProcFs.ROOT.resolve("stat")).split("\n")) {
            if (line.startsWith("btime ")) {
                return Long.parseLong(line.substring(6).strip());
            }
        }
        throw new IOException("no btime in /proc/stat");
    }

    private static double round(double percent) {
        return Math.round(percent * 10) / 10.0;
    }
}
