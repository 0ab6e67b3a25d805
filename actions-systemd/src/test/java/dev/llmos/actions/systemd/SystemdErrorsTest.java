package dev.llmos.actions.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import org.junit.jupiter.api.Test;

/** the messages for what systemctl really prints when it fails (captured/capture.sh). */
class SystemdErrorsTest {
    private static final TestContext CONTEXT = TestContext.readOnly();
    private static final Manager SYSTEM = new Manager(false, CONTEXT);
    private static final Manager USER = new Manager(true, CONTEXT);

    private static ActionException systemctl(String stderr, int exit, Manager manager, String unit) {
        return SystemdErrors.systemctl("starting " + unit, "service.start", unit, manager, CONTEXT,
                Captured.failed(stderr, exit));
    }

    @Test
    void anUnprivilegedCallerIsToldWhatWouldGrantIt() {
        ActionException e = systemctl("start-unprivileged.err", 1, SYSTEM, "probe.service");
        assertTrue(e.getMessage().startsWith("permission denied: starting probe.service needs root"), e.getMessage());
        assertTrue(e.getMessage().contains("run_as = \"root\" must grant service.start"), e.getMessage());
        assertEquals(1, e.exitCode());
        assertTrue(e.stderr().contains("Interactive authentication required"), "the tool's own words are kept");
        assertTrue(SystemdErrors.denied(Captured.text("enable-unprivileged.err")));
        assertTrue(SystemdErrors.denied(Captured.text("hostname-unprivileged.err")));
        assertTrue(SystemdErrors.denied(Captured.text("timezone-unprivileged.err")));
        assertTrue(SystemdErrors.denied(Captured.text("journal-unprivileged.err")));
    }

    @Test
    void noSystemdMeansNoServiceManager() {
        ActionException e = systemctl("not-booted.err", 1, SYSTEM, "probe.service");
        assertTrue(e.getMessage().startsWith("systemd is not running on this machine"), e.getMessage());
    }

    @Test
    void unknownUnitsAreNamed() {
        assertEquals("no such unit: nosuch.service", systemctl("start-not-found.err", 5, SYSTEM, "nosuch.service")
                .getMessage());
        assertEquals("no such unit: nosuch.service", systemctl("stop-not-loaded.err", 5, SYSTEM, "nosuch.service")
                .getMessage());
        assertEquals("no such unit: nosuch.service", systemctl("enable-not-found.err", 1, SYSTEM, "nosuch.service")
                .getMessage());
    }

    @Test
    void aFailedJobPointsAtItsLog() {
        ActionException e = systemctl("job-failed.err", 1, SYSTEM, "binprobe.service");
        assertEquals("starting binprobe.service failed: job for binprobe.service failed because the control process "
                + "exited with error code. (its log: logs.query unit=binprobe.service)", e.getMessage());
    }

    @Test
    void aMissingUserManagerSaysHowToGetOne() {
        ActionException e = systemctl("user-no-bus.err", 1, USER, "probe.service");
        assertTrue(e.getMessage().startsWith("no user service manager is running for " + CONTEXT.caller().user()),
                e.getMessage());
        assertTrue(e.getMessage().contains("loginctl enable-linger"), e.getMessage());
    }

    @Test
    void anythingElseKeepsTheToolsFirstLine() {
        ActionException e = systemctl("start-template.err", 1, SYSTEM, "bad@.service");
        assertEquals("starting bad@.service failed: failed to start bad@.service: Unit name bad@.service is missing "
                + "the instance name.", e.getMessage());
    }

    @Test
    void journalFailuresSayWhatToChange() {
        LogsQueryAction logs = new LogsQueryAction();
        LogsQueryAction.Params since = new LogsQueryAction.Params(null, null, "garbage", null, null, 10, false, null,
                false);
        String time = logs.failure(since, CONTEXT, Captured.failed("journal-bad-since.err", 1)).getMessage();
        assertTrue(time.startsWith("cannot read since as a time: failed to parse timestamp: garbage; use forms like"),
                time);
        LogsQueryAction.Params grep = new LogsQueryAction.Params(null, null, null, null, "(", 10, false, null, false);
        assertEquals("invalid grep pattern (a pcre2 regular expression): bad pattern \"(\": missing closing parenthesis",
                logs.failure(grep, CONTEXT, Captured.failed("journal-bad-grep.err", 1)).getMessage());
        String denied = logs.failure(since, CONTEXT, Captured.failed("journal-unprivileged.err", 1)).getMessage();
        assertTrue(denied.startsWith("permission denied: reading the system journal needs root, or membership of the "
                + "adm or systemd-journal group"), denied);
    }

    @Test
    void enablingAUnitWithoutInstallSectionIsExplained() {
        UnitStatus journald = new UnitStatus("systemd-journald.service", "Journal Service", "loaded", "active",
                "running", "static", 20L, null, "success", null, null, 0L, null);
        String note = Install.note(journald, journald, new Command.Result(0, "", Captured.text("enable-no-install.err"),
                false));
        assertTrue(note.startsWith("systemd-journald.service has no [Install] section"), note);
        assertEquals("0", Captured.text("enable-no-install.rc").strip(), "systemctl itself calls it a success");
    }
}
