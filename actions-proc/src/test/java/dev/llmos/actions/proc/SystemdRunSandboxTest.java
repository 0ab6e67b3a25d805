package dev.llmos.actions.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * the systemd-run command line of a run (the unit itself is exercised where systemd is pid 1: the
 * nspawn end-to-end tests).
 */
class SystemdRunSandboxTest {
    private static RunRequest request(Path cwd, Path home, List<String> args) {
        Identity who = new Identity(1234, 1235, List.of(1235, 27), "alice", home);
        return new RunRequest(Path.of("/usr/bin/env"), args, cwd,
                Map.of("PATH", "/usr/bin", "TZ", "UTC"), Duration.ofSeconds(7), new Limits(64, 50, 20), who);
    }

    @Test
    void aSystemRunHasTheIdentityLimitsAndView() throws Exception {
        List<String> command = new SystemdRunSandbox(false).command("/usr/bin/systemd-run", "llm-osd-run-x.service",
                request(Path.of("/home/alice/src"), Path.of("/home/alice"), List.of("-i", "$HOME", "a b")));
        int dashes = command.indexOf("--");
        List<String> options = command.subList(1, dashes);
        assertEquals(List.of("/usr/bin/env", "-i", "$$HOME", "a b"), command.subList(dashes + 1, command.size()));
        for (String expected : List.of("--unit=llm-osd-run-x.service", "--wait", "--pipe", "--quiet",
                "--service-type=exec", "--uid=1234", "--gid=1235", "--property=SupplementaryGroups=1235 27",
                "--property=MemoryMax=67108864", "--property=MemorySwapMax=0", "--property=CPUQuota=50%",
                "--property=TasksMax=20", "--property=OOMPolicy=stop", "--property=RuntimeMaxSec=9",
                "--property=ProtectSystem=strict", "--property=ReadWritePaths=-/home/alice",
                "--property=PrivateTmp=yes", "--property=PrivateDevices=yes", "--property=NoNewPrivileges=yes",
                "--working-directory=/home/alice/src", "--setenv=PATH=/usr/bin", "--setenv=TZ=UTC")) {
            assertTrue(options.contains(expected), expected + " missing from " + options);
        }
        assertFalse(options.contains("--user"));
        assertFalse(options.stream().anyMatch(o -> o.startsWith("--property=BindReadOnlyPaths")));
    }

    @Test
    void aUserRunLeavesIdentityToTheUsersManager() throws Exception {
        List<String> command = new SystemdRunSandbox(true).command("systemd-run", "u.service",
                request(Path.of("/"), null, List.of()));
        assertTrue(command.contains("--user"));
        assertFalse(command.stream().anyMatch(o -> o.startsWith("--uid") || o.startsWith("--gid")
                || o.contains("SupplementaryGroups") || o.contains("ReadWritePaths")), command.toString());
    }

    @Test
    void aWorkingDirectoryInTmpIsShownReadOnlyAndMustBePlain() throws Exception {
        List<String> command = new SystemdRunSandbox(false).command("systemd-run", "u.service",
                request(Path.of("/tmp/build"), null, List.of()));
        assertTrue(command.contains("--property=BindReadOnlyPaths=/tmp/build"), command.toString());
        assertThrows(ActionException.class, () -> new SystemdRunSandbox(false).command("systemd-run", "u.service",
                request(Path.of("/tmp/a b"), null, List.of())));
    }
}
