package dev.llmos.actions.system.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysTimeAndHostnameTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-29T00:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void theSystemZoneIsWhereEtcLocaltimePoints() throws Exception {
        Path localtime = Files.createSymbolicLink(dir.resolve("localtime"), Path.of("/usr/share/zoneinfo/Europe/Paris"));
        SysTimeAction.Now now = new SysTimeAction(CLOCK, localtime).execute(new SysTimeAction.Params("Asia/Tokyo"),
                TestContext.readOnly());
        assertEquals("2026-03-29T00:30:00Z", now.utc());
        assertEquals(1774744200L, now.unixSeconds());
        assertEquals(new SysTimeAction.Local("Europe/Paris", "2026-03-29T01:30:00+01:00", "+01:00", "Sunday", 13),
                now.system());
        assertEquals(new SysTimeAction.Local("Asia/Tokyo", "2026-03-29T09:30:00+09:00", "+09:00", "Sunday", 13),
                now.asked());
    }

    @Test
    void withoutALinkTheZoneIsUtcAndAnUnknownZoneIsAClearError() throws Exception {
        SysTimeAction action = new SysTimeAction(CLOCK, dir.resolve("absent"));
        SysTimeAction.Now now = action.execute(new SysTimeAction.Params(null), TestContext.readOnly());
        assertEquals("UTC", now.system().zone());
        assertNull(now.asked());
        ActionException e = assertThrows(ActionException.class,
                () -> action.execute(new SysTimeAction.Params("Mars/Olympus"), TestContext.readOnly()));
        assertEquals("unknown time zone: Mars/Olympus (a tz database name like Europe/Paris, or UTC)", e.getMessage());
    }

    @Test
    void hostnamesComeFromTheKernelAndEtcHostname() throws Exception {
        Path proc = Files.createDirectory(dir.resolve("proc"));
        Path etc = Files.createDirectory(dir.resolve("etc"));
        Files.writeString(proc.resolve("hostname"), "web-01\n");
        Files.writeString(proc.resolve("domainname"), "(none)\n");
        Files.writeString(etc.resolve("hostname"), "web-01.example.com\n");
        assertEquals(new SysHostnameAction.Names("web-01", "web-01.example.com", null),
                new SysHostnameAction(proc, etc).execute(new SysHostnameAction.Params(), TestContext.readOnly()));
        Files.delete(etc.resolve("hostname"));
        Files.writeString(proc.resolve("domainname"), "corp\n");
        assertEquals(new SysHostnameAction.Names("web-01", null, "corp"),
                new SysHostnameAction(proc, etc).execute(new SysHostnameAction.Params(), TestContext.readOnly()));
    }

    @Test
    void theRealHostnameIsTheKernels() throws Exception {
        String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        assertEquals(kernel, new SysHostnameAction().execute(new SysHostnameAction.Params(), TestContext.readOnly())
                .hostname());
    }
}
