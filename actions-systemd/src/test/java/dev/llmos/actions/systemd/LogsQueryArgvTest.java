package dev.llmos.actions.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** every value reaches journalctl as one {@code --option=value} element, never as its own word. */
class LogsQueryArgvTest {
    @Test
    void everyFilterIsOneOptionWithItsValue() throws Exception {
        List<String> argv = LogsQueryAction.argv("/usr/bin/journalctl", new LogsQueryAction.Params("cron", "error",
                "-1h", "now", "--since=bogus", 50, false));
        assertEquals(List.of("/usr/bin/journalctl", "--no-pager", "--output=json", "--all",
                "--output-fields=" + Journal.FIELDS, "--lines=50", "--unit=cron.service", "--priority=err",
                "--since=-1h", "--until=now", "--grep=--since=bogus"), argv);
    }

    @Test
    void userUnitsAndPriorityRanges() throws Exception {
        List<String> argv = LogsQueryAction.argv("journalctl", new LogsQueryAction.Params("app.timer", "warn..critical",
                null, null, null, 1, true));
        assertEquals(List.of("--user-unit=app.timer", "--priority=warning..crit"), argv.subList(6, argv.size()));
        assertEquals("emerg..err", Journal.normalizePriority("emergency..error"));
        assertEquals("3", Journal.normalizePriority("3"));
    }
}
