package dev.llmos.actions.system.sys;

import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.Risk;
import dev.llmos.actions.system.support.TextFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code sys.hostname}: the machine's names: the kernel's hostname now, the static one in /etc/hostname
 * (what it comes back as after a reboot) and the nis domain name.
 */
public final class SysHostnameAction implements Action<SysHostnameAction.Params> {
    private final Path proc;
    private final Path etc;

    /** {@code sys.hostname} takes no params. */
    public record Params() {
    }

    /**
     * the names.
     *
     * @param hostname the kernel's hostname now
     * @param staticHostname the name in /etc/hostname, or null when there is none
     * @param domain the nis domain name, or null when none is set
     */
    public record Names(String hostname, String staticHostname, String domain) {
    }

    public SysHostnameAction() {
        this(Path.of("/proc/sys/kernel"), Path.of("/etc"));
    }

    SysHostnameAction(Path proc, Path etc) {
        this.proc = proc;
        this.etc = etc;
    }

    @Override
    public String name() {
        return "sys.hostname";
    }

    @Override
    public String description() {
        return "show this machine's hostname (now and as configured in /etc/hostname) and its domain name";
    }

    @Override
    public List<String> examples() {
        return List.of(
                "what is the hostname",
                "hostname",
                "show the name of this computer",
                "what is this machine called",
                "print the host name",
                "what's the server's name",
                "show the fully qualified domain name",
                "which host am i on");
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public Names execute(Params params, ActionContext context) {
        String domain = TextFiles.firstLine(proc.resolve("domainname")).map(String::strip).orElse(null);
        return new Names(TextFiles.firstLine(proc.resolve("hostname")).map(String::strip).orElse(null),
                TextFiles.firstLine(etc.resolve("hostname")).map(String::strip).filter(s -> !s.isEmpty()).orElse(null),
                domain == null || domain.isEmpty() || domain.equals("(none)") ? null : domain);
    }
}
