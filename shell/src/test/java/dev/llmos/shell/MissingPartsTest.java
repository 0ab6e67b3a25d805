package dev.llmos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MissingPartsTest {
    private static final Set<String> EVERYTHING = Set.of("bwrap", "apt-get", "apt-cache", "dpkg-query", "setpriv", "xdotool",
            "xdpyinfo", "xwininfo", "xprop", "xwd", "xclip", "systemctl", "journalctl", "systemd-run", "cgexec");

    private static List<String> parts(Set<String> installed, boolean systemdRuns) {
        return MissingParts.find(installed::contains, systemdRuns).stream().map(MissingParts.Part::debian).toList();
    }

    @Test
    void aFullMachineMissesNothing() {
        assertEquals(List.of(), parts(EVERYTHING, true));
    }

    @Test
    void aServerWithoutXToolsLosesTheDesktopActionsOnly() {
        Set<String> server = Set.of("bwrap", "apt-get", "apt-cache", "dpkg-query", "setpriv", "systemctl", "journalctl",
                "systemd-run");
        assertEquals(List.of("xdotool", "x11-utils", "x11-apps", "xclip"), parts(server, true));
        assertEquals("input.*, display.windows, display.focus", MissingParts.find(server::contains, true).get(0).disables());
    }

    @Test
    void withoutSystemdRunningTheServiceActionsGoAndCgroupToolsMatter() {
        assertEquals(List.of("systemd"), parts(EVERYTHING, false));
        Set<String> noCgexec = Set.of("bwrap", "apt-get", "apt-cache", "dpkg-query", "setpriv", "xdotool", "xdpyinfo",
                "xwininfo", "xprop", "xwd", "xclip");
        assertEquals(List.of("systemd", "cgroup-tools"), parts(noCgexec, false));
    }

    @Test
    void noBubblewrapNoProcRun() {
        Set<String> installed = new java.util.HashSet<>(EVERYTHING);
        installed.remove("bwrap");
        List<MissingParts.Part> missing = MissingParts.find(installed::contains, true);
        assertEquals(List.of("bubblewrap"), missing.stream().map(MissingParts.Part::debian).toList());
        assertEquals("proc.run (every run is confined by bubblewrap)", missing.get(0).disables());
    }
}
