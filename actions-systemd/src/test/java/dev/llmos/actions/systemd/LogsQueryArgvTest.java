package dev.llmos.actions.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** every value reaches journalctl as one {@code --option=value} element, never as its own word. */
class LogsQueryArgvTest {
    @Test
    void everyFilterIsOneOptionWithItsValue() throws Exception {
        List<String> argv = LogsQueryAction.argv("/usr/bin/journalctl", new LogsQueryAction.Params("cron", "error",
                "-1h", "now", "--since=bogus", 50, false, -1, true));
        assertEquals(List.of("/usr/bin/journalctl", "--no-pager", "--output=json", "--all",
                "--output-fields=" + Journal.FIELDS, "--lines=50", "--unit=cron.service", "--priority=err",
                "--since=-1h", "--until=now", "--grep=--since=bogus", "--boot=-1", "--dmesg"), argv);
    }

    @Test
    void userUnitsAndPriorityRanges() throws Exception {
        List<String> argv = LogsQueryAction.argv("journalctl", new LogsQueryAction.Params("app.timer", "warn..critical",
                null, null, null, 1, true, null, false));
        assertEquals(List.of("--user-unit=app.timer", "--priority=warning..crit"), argv.subList(6, argv.size()));
        assertEquals("emerg..err", Journal.normalizePriority("emergency..error"));
        assertEquals("3", Journal.normalizePriority("3"));
    }

    @Test
    void thisBootAndTheKernelAloneAreTheirOwnOptions() throws Exception {
        List<String> thisBoot = LogsQueryAction.argv("journalctl", new LogsQueryAction.Params(null, "err", null, null,
                null, 100, false, 0, false));
        assertEquals(List.of("--priority=err", "--boot=0"), thisBoot.subList(6, thisBoot.size()));
        List<String> kernel = LogsQueryAction.argv("journalctl", new LogsQueryAction.Params(null, null, null, null,
                null, 100, false, null, true));
        assertEquals(List.of("--dmesg"), kernel.subList(6, kernel.size()), "--dmesg alone means this boot");
        List<String> neither = LogsQueryAction.argv("journalctl", new LogsQueryAction.Params(null, null, null, null,
                null, 100, false, null, false));
        assertEquals(6, neither.size(), "no boot and no kernel: the whole journal, as before");
    }

    @Test
    void aBootTheJournalDoesNotKeepIsExplained() {
        // journalctl's own words (systemd 252, one boot in a volatile journal), and the boots it listed
        assertTrue(Captured.text("journal-no-boot.err").contains(Journal.NO_BOOT));
        String note = Journal.missingBoot(-1, Captured.text("journal-list-boots.json"));
        assertTrue(note.startsWith("the journal has no boot -1: it keeps only this boot, since 20"), note);
        assertTrue(note.contains("(/var/log/journal, Storage=persistent or auto), not in memory (/run/log/journal)"), note);
        String three = Journal.missingBoot(-5, "[{\"index\":-2,\"first_entry\":1700000000000000},{\"index\":-1},"
                + "{\"index\":0}]");
        assertTrue(three.startsWith("the journal has no boot -5: it keeps 3 boots (0 to -2), since "
                + "2023-11-14T22:13:20Z; earlier boots"), three);
        assertTrue(Journal.missingBoot(-1, "").startsWith("the journal has no boot -1: earlier boots are kept only"));
        assertTrue(Journal.missingBoot(-1, "not json").startsWith("the journal has no boot -1: earlier boots"));
    }
}
