package dev.llmos.actions.system.sys;

import dev.llmos.action.testkit.TestContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SysInfoActionTest {
    private final SysInfoAction.Info info = new SysInfoAction().execute(new SysInfoAction.Params(), TestContext.readOnly());

    SysInfoActionTest() throws Exception {
    }

    @Test
    void hostnameAndKernelAreTheKernelsOwn() throws Exception {
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip(), info.hostname());
        assertEquals(System.getProperty("os.version"), info.kernel().release());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/version")).strip(), info.kernel().version());
        String javaArch = System.getProperty("os.arch");
        assertEquals(javaArch.equals("amd64") ? "x86_64" : javaArch, info.kernel().arch());
    }

    @Test
    void memoryMatchesMeminfo() throws Exception {
        long totalKib = -1;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                totalKib = Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        assertEquals(totalKib * 1024, info.memory().totalBytes());
        assertTrue(info.memory().availableBytes() > 0 && info.memory().availableBytes() <= info.memory().totalBytes());
        assertEquals(info.memory().totalBytes() - info.memory().availableBytes(), info.memory().usedBytes());
        assertTrue(info.memory().swapFreeBytes() <= info.memory().swapTotalBytes());
    }

    @Test
    void osUptimeLoadAndCpus() throws Exception {
        Map<String, String> release = OsRelease.parse(Files.readString(Path.of("/etc/os-release")));
        assertEquals(release.get("ID"), info.os().id());
        assertNotNull(info.os().prettyName());
        double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        assertTrue(info.uptimeSeconds() > 0 && info.uptimeSeconds() <= uptime, info.uptimeSeconds() + " vs " + uptime);
        assertTrue(info.load().one() >= 0 && info.load().fifteen() >= 0);
        assertTrue(info.cpus().count() >= Runtime.getRuntime().availableProcessors(), info.cpus().toString());
    }

    @Test
    void osReleaseQuotingIsUndone() {
        Map<String, String> values = OsRelease.parse("""
                # comment
                PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                ID=debian
                VERSION_ID='12'
                NAME="say \\"hi\\" \\\\ \\$HOME"

                """);
        assertEquals("Debian GNU/Linux 12 (bookworm)", values.get("PRETTY_NAME"));
        assertEquals("debian", values.get("ID"));
        assertEquals("12", values.get("VERSION_ID"));
        assertEquals("say \"hi\" \\ $HOME", values.get("NAME"));
        assertEquals(4, values.size());
    }
}
