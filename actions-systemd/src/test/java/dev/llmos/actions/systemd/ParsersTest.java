package dev.llmos.actions.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** the parsers, on output captured from systemd 252 (captured/capture.sh). */
class ParsersTest {
    @Test
    void showOfARunningServiceGivesItsWholeState() {
        UnitStatus status = UnitStatus.parse(Captured.text("show-probe-active.txt"));
        assertEquals("probe.service", status.unit());
        assertEquals("llm-os probe unit", status.description());
        assertEquals("loaded", status.loadState());
        assertEquals("active", status.activeState());
        assertEquals("running", status.subState());
        assertEquals("enabled", status.enabled());
        assertEquals(328L, status.mainPid());
        assertEquals("2026-12-02T03:28:51Z", status.since());
        assertEquals("success", status.result());
        assertNull(status.lastExit(), "the main process has not ended");
        assertEquals("/etc/systemd/system/probe.service", status.unitFile());
        assertEquals(0L, status.restarts());
        assertNull(status.loadError());
        assertFalse(status.notFound());
    }

    @Test
    void showOfAFailedServiceSaysHowItEnded() {
        UnitStatus status = UnitStatus.parse(Captured.text("show-failed.txt"));
        assertEquals("failed", status.activeState());
        assertEquals("failed", status.subState());
        assertEquals("exit-code", status.result());
        assertEquals("exited with status 3", status.lastExit());
        assertNull(status.mainPid(), "main pid 0 means none");
        assertEquals("transient", status.enabled());
    }

    @Test
    void showOfAnUnknownUnitIsNotFoundWithTheReason() {
        UnitStatus status = UnitStatus.parse(Captured.text("show-not-found.txt"));
        assertTrue(status.notFound());
        assertEquals("inactive", status.activeState());
        assertNull(status.enabled(), "no unit file, no unit-file state");
        assertNull(status.since());
        assertNull(status.unitFile());
        assertEquals("Unit nosuch.service not found.", status.loadError());
    }

    @Test
    void showOfAnInactiveTemplateInstance() {
        UnitStatus status = UnitStatus.parse(Captured.text("show-template-instance.txt"));
        assertEquals("getty@tty1.service", status.unit());
        assertEquals("inactive", status.activeState());
        assertEquals("dead", status.subState());
        assertEquals("/lib/systemd/system/getty@.service", status.unitFile());
        UnitStatus inactive = UnitStatus.parse(Captured.text("show-probe-inactive.txt"));
        assertEquals("inactive", inactive.activeState());
        assertNull(inactive.mainPid());
    }

    @Test
    void listJoinsLoadedUnitsWithUnitFiles() throws Exception {
        List<UnitList.Unit> units = UnitList.parse(Captured.text("list-units.json"), Captured.text("list-unit-files.json"));
        UnitList.Unit probe = find(units, "probe.service");
        assertEquals(new UnitList.Unit("probe.service", "llm-os probe unit", "loaded", "active", "running", "enabled"),
                probe);
        UnitList.Unit failed = find(units, "binprobe.service");
        assertEquals("failed", failed.activeState());
        assertEquals("transient", failed.enabled());
        // a unit that only has a unit file (masked here) is listed, not loaded
        UnitList.Unit masked = find(units, "cryptdisks.service");
        assertNull(masked.loadState());
        assertEquals("masked", masked.enabled());
        assertEquals("inactive", masked.activeState());
        // a loaded unit without a unit file of its own keeps a null unit-file state
        UnitList.Unit root = find(units, "-.mount");
        assertEquals("mounted", root.subState());
        // templates cannot run, so only their instances are listed
        assertTrue(units.stream().noneMatch(u -> u.unit().equals("getty@.service")));
        assertTrue(units.stream().anyMatch(u -> u.unit().equals("modprobe@loop.service")));
        List<String> names = units.stream().map(UnitList.Unit::unit).toList();
        assertEquals(names.stream().sorted().toList(), names, "sorted by name");
        assertEquals(names.stream().distinct().count(), names.size(), "each unit once");
        assertTrue(failed.inState("failed") && probe.inState("running") && probe.inState("enabled")
                && masked.inState("masked") && !probe.inState("failed"));
    }

    private static UnitList.Unit find(List<UnitList.Unit> units, String name) {
        return units.stream().filter(u -> u.unit().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not listed"));
    }

    @Test
    void namePatternsAreGlobsOrSubstrings() {
        assertTrue(UnitList.matches("ssh", "ssh.service"));
        assertTrue(UnitList.matches("SSH", "openssh-server.service"), "a plain word matches case-insensitively");
        assertTrue(UnitList.matches("ssh*", "ssh.service"));
        assertFalse(UnitList.matches("ssh*", "openssh.service"));
        assertTrue(UnitList.matches("*.timer", "apt-daily.timer"));
        assertTrue(UnitList.matches("getty@tty?.service", "getty@tty1.service"));
        assertTrue(UnitList.matches("[ab]pt-daily*", "apt-daily.service"));
        assertFalse(UnitList.matches("[xy]pt-daily*", "apt-daily.service"));
        assertTrue(UnitList.matches("a\\*b*", "a*b.service"));
        long start = System.nanoTime();
        assertFalse(UnitList.matches("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(256)));
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "no exponential backtracking");
    }

    @Test
    void journalEntriesCarryTimeUnitPriorityPidAndMessage() {
        List<Journal.Entry> entries = Journal.parse(Captured.text("journal-probe.jsonl"));
        assertFalse(entries.isEmpty());
        Journal.Entry marker = entries.stream().filter(e -> "probe-marker started".equals(e.message())).findFirst()
                .orElseThrow();
        assertEquals("probe.service", marker.unit());
        assertEquals("info", marker.priority());
        assertEquals("echo", marker.identifier());
        assertTrue(marker.pid() > 1);
        assertTrue(marker.time().matches("2026-12-02T03:2\\d:\\d\\d\\.\\d{6}Z"), marker.time());
        Journal.Entry started = entries.stream().filter(e -> e.message().startsWith("Started probe.service"))
                .findFirst().orElseThrow();
        assertEquals("probe.service", started.unit(), "systemd's own message names the unit it is about");
        assertEquals(1L, started.pid());
        assertEquals("systemd", started.identifier());
    }

    @Test
    void binaryMessagesAreDecodedAndPrioritiesNamed() {
        List<Journal.Entry> entries = Journal.parse(Captured.text("journal-binprobe.jsonl"));
        assertTrue(entries.stream().anyMatch(e -> "bin\u0001ary line".equals(e.message())),
                "journald stores a message with a control character as a byte array");
        assertTrue(entries.stream().anyMatch(e -> "boom".equals(e.message())));
        Journal.Entry failed = entries.stream().filter(e -> e.message().startsWith("Failed to start binprobe"))
                .findFirst().orElseThrow();
        assertEquals("err", failed.priority());
        assertEquals("binprobe.service", failed.unit());
        Journal.Entry result = entries.stream().filter(e -> e.message().contains("Failed with result")).findFirst()
                .orElseThrow();
        assertEquals("warning", result.priority());
    }

    @Test
    void journalValuesOfEveryShape() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals("plain", Journal.value(json.readTree("\"plain\"")));
        assertEquals("h\u00e9", Journal.value(json.readTree("[104,195,169]")), "bytes are utf-8");
        assertEquals("\ufffd", Journal.value(json.readTree("[255]")), "invalid utf-8 is replaced");
        assertEquals("first", Journal.value(json.readTree("[\"first\",\"second\"]")), "a repeated field");
        assertNull(Journal.value(json.readTree("null")), "too large to show");
        assertEquals("1970-01-01T00:00:01.000002Z", Journal.time("1000002"));
        Journal.Entry cut = Journal.entry(json.readTree("{\"MESSAGE\":\"" + "x".repeat(5000) + "\"}"));
        assertTrue(cut.message().startsWith("x".repeat(Journal.MAX_MESSAGE)) && cut.message().endsWith("cut)"));
        assertTrue(Journal.parse("not json\n{\"MESSAGE\":\"ok\"}\n").size() == 1, "a broken line is skipped");
    }

    @Test
    void settingsOfHostnamedAndTimedated() throws Exception {
        Settings.Hostnames names = Settings.parseHostnames(Captured.text("hostnamectl.json"));
        assertEquals("sdprobe", names.hostname());
        assertNull(names.staticName(), "a container with no /etc/hostname has no static name");
        assertEquals("Etc/UTC", Settings.parseTimezone(Captured.text("timedatectl-show.txt")));
    }
}
