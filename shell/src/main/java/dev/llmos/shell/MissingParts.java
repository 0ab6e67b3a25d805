package dev.llmos.shell;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * the optional parts of llm-os that this machine lacks, and the actions each one disables: the
 * package declares only what the core needs, so a server without an x server's tools, or a
 * container without systemd, still installs it. {@code llmsh status} shows the list (the daemon
 * and llmsh run on the same machine).
 */
final class MissingParts {
    /** where the daemon's tools are looked up (a system service's path). */
    static final List<Path> PATH = List.of(Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"), Path.of("/usr/sbin"),
            Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));

    /**
     * one optional part.
     *
     * @param part what it is, for people
     * @param debian the debian package that provides it
     * @param programs the programs it is recognized by (missing when any is)
     * @param disables the actions (globs) that cannot run without it, and how the rest behaves
     */
    record Part(String part, String debian, List<String> programs, String disables) {
    }

    /** the parts every machine may lack; systemd is judged by whether it runs, not by its files. */
    static final List<Part> PARTS = List.of(
            new Part("bubblewrap", "bubblewrap", List.of("bwrap"), "proc.run (every run is confined by bubblewrap)"),
            new Part("apt", "apt", List.of("apt-get", "apt-cache", "dpkg-query"), "pkg.*"),
            new Part("setpriv", "util-linux", List.of("setpriv"),
                    "every action of a caller other than the daemon's own user (executors start with setpriv)"),
            new Part("xdotool", "xdotool", List.of("xdotool"), "input.*, display.windows, display.focus"),
            new Part("x11 tools", "x11-utils", List.of("xdpyinfo", "xwininfo", "xprop"), "display.info, display.windows"),
            new Part("xwd", "x11-apps", List.of("xwd"), "display.screenshot"),
            new Part("xclip", "xclip", List.of("xclip"), "clipboard.*"));

    /** systemd as the service manager, and what its absence changes. */
    static final Part SYSTEMD = new Part("systemd (not running as the service manager)", "systemd",
            List.of("systemctl", "journalctl", "systemd-run"),
            "service.*, logs.query, sys.set_hostname, sys.timezone; proc.run limits its runs with cgexec (cgroup-tools) instead");
    /** cgroup limits for proc.run where systemd does not run. */
    static final Part CGROUP_TOOLS = new Part("cgroup-tools", "cgroup-tools", List.of("cgexec"),
            "the memory, cpu and task limits of proc.run where systemd does not run (runs still happen, unlimited, and say so)");

    private MissingParts() {
    }

    /** what is missing here, given which programs exist and whether systemd runs. */
    static List<Part> find(Predicate<String> installed, boolean systemdRuns) {
        List<Part> missing = new ArrayList<>();
        for (Part part : PARTS) {
            if (!part.programs().stream().allMatch(installed)) {
                missing.add(part);
            }
        }
        if (!systemdRuns || !SYSTEMD.programs().stream().allMatch(installed)) {
            missing.add(SYSTEMD);
            if (!CGROUP_TOOLS.programs().stream().allMatch(installed)) {
                missing.add(CGROUP_TOOLS);
            }
        }
        return missing;
    }

    /** what is missing on this machine. */
    static List<Part> here() {
        return find(program -> PATH.stream().anyMatch(dir -> Files.isExecutable(dir.resolve(program))),
                Files.isDirectory(Path.of("/run/systemd/system")));
    }

    /** the list as json: {@code [{"part", "package", "disables"}]}. */
    static ArrayNode toJson(List<Part> missing) {
        ArrayNode array = JsonCodec.array();
        for (Part part : missing) {
            array.add(JsonCodec.object().put("part", part.part()).put("package", part.debian()).put("disables", part.disables()));
        }
        return array;
    }
}
