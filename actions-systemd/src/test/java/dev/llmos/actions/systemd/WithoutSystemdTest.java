package dev.llmos.actions.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.actions.systemd.UnitChangeAction.Params;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the actions on a machine whose pid 1 is not systemd (a container, ci): the real tools run and
 * fail, and the actions say why in one line, changing nothing. where systemd runs, the e2e
 * systemd tests drive them for real.
 */
class WithoutSystemdTest {
    @BeforeAll
    static void noSystemd() {
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "systemd runs here; the e2e systemd tests cover it");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemctl")), "needs systemctl installed");
    }

    private static String failure(ThrowingRun run) {
        return assertThrows(ActionException.class, run::run).getMessage();
    }

    private interface ThrowingRun {
        void run() throws Exception;
    }

    @Test
    void serviceActionsSaySystemdIsNotRunning() {
        TestContext context = TestContext.withQuarantine(Path.of("/nonexistent"));
        String status = failure(() -> new ServiceStatusAction().execute(new ServiceStatusAction.Params("ssh", false),
                context));
        assertTrue(status.startsWith("systemd is not running on this machine"), status);
        String start = failure(() -> new ServiceStartAction().execute(new Params("ssh", false, null), context));
        assertTrue(start.startsWith("systemd is not running on this machine"), start);
        String list = failure(() -> new ServiceListAction().execute(new ServiceListAction.Params(null, null,
                ServiceListAction.Type.SERVICE, false, 10), context));
        assertTrue(list.startsWith("systemd is not running on this machine"), list);
        assertEquals(null, context.inverse(), "a failure records no inverse");
    }

    @Test
    void settingsSaySystemdIsNotRunning() {
        TestContext context = TestContext.withQuarantine(Path.of("/nonexistent"));
        String hostname = failure(() -> new SetHostnameAction().execute(new SetHostnameAction.Params("web-01", true,
                null), context));
        assertTrue(hostname.startsWith("systemd is not running on this machine"), hostname);
        String zone = failure(() -> new TimezoneAction().execute(new TimezoneAction.Params("Europe/Paris", null),
                context));
        assertTrue(zone.startsWith("systemd is not running on this machine"), zone);
        String bad = failure(() -> new TimezoneAction().execute(new TimezoneAction.Params("Nowhere/Bad", null),
                context));
        assertTrue(bad.startsWith("unknown time zone: Nowhere/Bad"), "the zone is checked before anything runs");
    }

    @Test
    void withoutJournalFilesThereAreNoEntries() throws Exception {
        assumeFalse(Journal.filesExist(), "journal files exist here");
        LogsQueryAction.Logs logs = new LogsQueryAction().execute(new LogsQueryAction.Params("ssh", "err", "-1h", null,
                null, 10, false, null, false), TestContext.readOnly());
        assertEquals(0, logs.count(), "no journal, no entries, and no failure");
        assertTrue(logs.entries().isEmpty() && !logs.limitReached());
        // journalctl warns about the missing files for some output modes only; the action says it always
        assertTrue(logs.note() != null && logs.note().contains("no journal files"), String.valueOf(logs.note()));
        // with a boot, journalctl exits 1 saying the boot is missing too: still no journal, not a failure
        LogsQueryAction.Logs boot = new LogsQueryAction().execute(new LogsQueryAction.Params(null, null, null, null,
                null, 10, false, -1, true), TestContext.readOnly());
        assertEquals(0, boot.count());
        assertTrue(boot.note() != null && boot.note().contains("no journal files"), String.valueOf(boot.note()));
    }
}
