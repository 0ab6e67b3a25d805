package dev.llmos.actions.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * the command lines of a run: the systemd-run wrapper, and the confined command inside it (the
 * unit itself is exercised where systemd is pid 1: the nspawn end-to-end tests).
 */
class SystemdRunSandboxTest {
    private static RunRequest request(Path cwd, Path home, List<String> args, Identity who, Set<String> caps) {
        return new RunRequest(Path.of("/usr/bin/env"), "/proc/1/fd/7", args, cwd,
                cwd.startsWith("/tmp") ? "/proc/1/fd/8" : null, Map.of("PATH", "/usr/bin", "TZ", "UTC"),
                Duration.ofSeconds(7), new Limits(64, 50, 20), who, List.of(Path.of("/proc/self/nonexistent")), caps);
    }

    private static Identity alice(Path home) {
        return new Identity(1234, 1235, List.of(1235, 27), "alice", home);
    }

    @Test
    void aSystemRunHoldsTheLimitsAndRunsTheConfinedCommand() {
        RunRequest request = request(Path.of("/home/alice/src"), Path.of("/home/alice"), List.of("-i", "$HOME", "a b"),
                alice(Path.of("/home/alice")), Set.of());
        List<String> command = new SystemdRunSandbox(false).command("/usr/bin/systemd-run", "/usr/bin/bwrap",
                "/usr/bin/setpriv", "llm-osd-run-x.service", request);
        int dashes = command.indexOf("--");
        List<String> options = command.subList(1, dashes);
        for (String expected : List.of("--unit=llm-osd-run-x.service", "--wait", "--pipe", "--quiet",
                "--service-type=exec", "--property=MemoryMax=67108864", "--property=MemorySwapMax=0",
                "--property=CPUQuota=50%", "--property=TasksMax=22", "--property=OOMPolicy=stop",
                "--property=RuntimeMaxSec=9", "--setenv=PATH=/usr/bin", "--setenv=TZ=UTC")) {
            assertTrue(options.contains(expected), expected + " missing from " + options);
        }
        // the unit runs as root only until setpriv, inside the sandbox, drops to the caller
        assertFalse(options.stream().anyMatch(o -> o.startsWith("--uid") || o.startsWith("--gid")), options.toString());
        List<String> confined = command.subList(dashes + 1, command.size());
        assertEquals("/usr/bin/bwrap", confined.getFirst());
        // systemd would expand `$VAR`: every dollar sign of the confined command is doubled
        assertEquals(List.of("/usr/bin/env", "-i", "$$HOME", "a b"), confined.subList(confined.size() - 4,
                confined.size()));
        assertTrue(confined.contains("/usr/bin/setpriv"));
    }

    @Test
    void theConfinedCommandBindsTheDecidedFileAndDropsToTheCaller() {
        RunRequest request = request(Path.of("/home/alice/src"), Path.of("/home/alice"), List.of("x"),
                alice(Path.of("/home/alice")), Set.of());
        List<String> command = ConfinedCommand.of("bwrap", "setpriv", request, true);
        String joined = String.join(" ", command);
        assertTrue(joined.startsWith("bwrap --ro-bind / / --dev /dev --proc /proc --tmpfs /tmp --tmpfs /var/tmp "
                + "--bind /home/alice /home/alice "), joined);
        assertTrue(joined.contains("--ro-bind /proc/1/fd/7 /usr/bin/env "), joined);
        assertTrue(joined.contains("--unshare-pid --unshare-ipc --die-with-parent --new-session --chdir /home/alice/src "),
                joined);
        assertTrue(joined.contains("--cap-drop ALL --cap-add CAP_SETGID --cap-add CAP_SETPCAP --cap-add CAP_SETUID -- "
                + "setpriv --reuid=1234 --regid=1235 --groups=1235,27 --no-new-privs --inh-caps=-all "
                + "--bounding-set=-all -- /usr/bin/env x"), joined);
    }

    @Test
    void rootKeepsOnlyTheGrantedCapabilities() {
        Identity root = new Identity(0, 0, List.of(0), "root", Path.of("/root"));
        List<String> command = ConfinedCommand.of("bwrap", "setpriv",
                request(Path.of("/root"), Path.of("/root"), List.of(), root, Set.of("CAP_NET_BIND_SERVICE")), true);
        String joined = String.join(" ", command);
        assertTrue(joined.contains("--cap-drop ALL --cap-add CAP_NET_BIND_SERVICE --cap-add CAP_SETGID "
                + "--cap-add CAP_SETPCAP --cap-add CAP_SETUID"), joined);
        assertTrue(joined.contains("setpriv --reuid=0 --regid=0 --groups=0 --no-new-privs --inh-caps=-all "
                + "--bounding-set=-all,+net_bind_service --"), joined);
    }

    @Test
    void aUserDaemonNeedsNoSetprivAndAWorkingDirectoryInTmpIsTheDecidedOne() {
        RunRequest request = request(Path.of("/tmp/build"), null, List.of(), alice(null), Set.of());
        List<String> command = new SystemdRunSandbox(true).command("systemd-run", "bwrap", null, "u.service", request);
        assertTrue(command.contains("--user"));
        assertFalse(command.contains("setpriv"), command.toString());
        assertFalse(command.contains("--cap-drop"), command.toString());
        String joined = String.join(" ", command);
        assertTrue(joined.contains("--ro-bind /proc/1/fd/8 /tmp/build"), joined);
    }
}
