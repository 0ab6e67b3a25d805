package dev.llmos.actions.system.sys;

import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Risk;
import dev.llmos.actions.system.support.MemInfo;
import dev.llmos.actions.system.support.TextFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code sys.info}: what this machine is and how it is doing, from /proc and /etc/os-release. */
public final class SysInfoAction implements Action<SysInfoAction.Params> {
    /** {@code sys.info} takes no params. */
    public record Params() {
    }

    /**
     * an overview of the machine.
     *
     * @param uptimeSeconds whole seconds since boot
     */
    public record Info(String hostname, Kernel kernel, Os os, long uptimeSeconds, Load load, Memory memory,
            Cpus cpus) {
    }

    /**
     * the running kernel, as uname(2) tells it.
     *
     * @param arch the machine hardware name, e.g. {@code x86_64}
     */
    public record Kernel(String release, String version, String arch) {
    }

    /**
     * the distribution, from os-release(5); fields it lacks are null.
     *
     * @param prettyName e.g. {@code Debian GNU/Linux 12 (bookworm)}
     * @param id e.g. {@code debian}
     * @param versionId e.g. {@code 12}
     */
    public record Os(String prettyName, String id, String versionId) {
    }

    /** run-queue load averages over 1, 5 and 15 minutes. */
    public record Load(double one, double five, double fifteen) {
    }

    /**
     * memory in bytes, from /proc/meminfo.
     *
     * @param usedBytes total minus available, i.e. what could not be handed to a new program
     */
    public record Memory(long totalBytes, long availableBytes, long usedBytes, long swapTotalBytes,
            long swapFreeBytes) {
    }

    /**
     * the online processors.
     *
     * @param model the model name of the first one, null when the platform does not report it
     */
    public record Cpus(int count, String model) {
    }

    private static final Path PROC = Path.of("/proc");

    @Override
    public String name() {
        return "sys.info";
    }

    @Override
    public String description() {
        return "show an overview of this machine: hostname, os and kernel version, uptime, load, memory and cpus";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "system info",
                "what os is this machine running?",
                "which kernel version do I have",
                "how long has the server been up",
                "show the current uptime",
                "how much ram is free",
                "what's the load average right now",
                "how many cpus does this box have",
                "uname -a",
                "tell me about this computer",
                "is the machine swapping? show memory usage",
                "sysinfo pls",
                "which debian release is installed",
                "how much memory is installed",
                "how many cores does the cpu have",
                "free -h",
                "lscpu",
                "what linux distribution is this",
                "what version of the kernel is running",
                "how much swap is there",
                "show cpu and memory info",
                "display the memory usage",
                "print the kernel name and release",
                "show how long the system has been running",
                "show the running time of the system",
                "since when has the machine been running",
                "when was the system last booted",
                "when did the machine last reboot",
                "display the system configuration of this machine",
                "how many processing units are available",
                "print the operating system name",
                "print the cpu architecture");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Info execute(Params params, ActionContext context) throws ActionException {
        String[] uptime = read(PROC.resolve("uptime")).strip().split("\\s+");
        return new Info(line("sys/kernel/hostname"),
                new Kernel(line("sys/kernel/osrelease"), line("sys/kernel/version"), arch()),
                os(), (long) Double.parseDouble(uptime[0]), load(), memory(), cpus());
    }

    private static String line(String procFile) throws ActionException {
        return read(PROC.resolve(procFile)).strip();
    }

    private static String arch() {
        // /proc/sys/kernel/arch exists since linux 6.1; before that, translate the jvm's name
        return TextFiles.firstLine(PROC.resolve("sys/kernel/arch")).orElseGet(() -> switch (System.getProperty("os.arch")) {
            case "amd64" -> "x86_64";
            case "x86" -> "i686";
            case String other -> other;
        });
    }

    private static Os os() throws ActionException {
        Path file = Path.of("/etc/os-release");
        if (!Files.exists(file)) {
            file = Path.of("/usr/lib/os-release");
        }
        if (!Files.exists(file)) {
            return new Os(null, null, null);
        }
        Map<String, String> values = OsRelease.parse(read(file));
        return new Os(values.get("PRETTY_NAME"), values.get("ID"), values.get("VERSION_ID"));
    }

    private static Load load() throws ActionException {
        String[] fields = read(PROC.resolve("loadavg")).strip().split("\\s+");
        return new Load(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
    }

    private static Memory memory() throws ActionException {
        try {
            MemInfo info = MemInfo.read();
            return new Memory(info.totalBytes(), info.availableBytes(), info.totalBytes() - info.availableBytes(),
                    info.swapTotalBytes(), info.swapFreeBytes());
        } catch (IOException e) {
            throw ActionException.at(MemInfo.FILE.toString(), e);
        }
    }

    private static Cpus cpus() throws ActionException {
        String cpuinfo = read(PROC.resolve("cpuinfo"));
        int count = 0;
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("processor") && line.indexOf(':') > 0) {
                count++;
            }
        }
        return new Cpus(count, TextFiles.keyValues(cpuinfo).get("model name"));
    }

    private static String read(Path path) throws ActionException {
        try {
            return TextFiles.read(path);
        } catch (IOException e) {
            throw ActionException.at(path.toString(), e);
        }
    }
}
