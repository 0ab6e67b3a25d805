package dev.llmos.actions.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** every value reaches journalctl as one {@code --option=value} element, never as its own word. */
class LogsQueryArgvTest {
    private static final String ID = "1a87ffaa669041cb99e796385bab24d2";

    @Test
    void everyFilterIsOneOptionWithItsValue() throws Exception {
        List<String> argv = LogsQueryAction.argv("/usr/bin/journalctl", new LogsQueryAction.Params("cron", "error",
                "-1h", "now", "--since=bogus", 50, false, -1, true), ID);
        assertEquals(List.of("/usr/bin/journalctl", "--no-pager", "--output=json", "--all",
                "--output-fields=" + Journal.FIELDS, "--lines=50", "--unit=cron.service", "--priority=err",
                "--since=-1h", "--until=now", "--grep=--since=bogus", "--boot=-1", "--dmesg"), argv,
                "an earlier boot stays a number");
    }

    @Test
    void userUnitsAndPriorityRanges() throws Exception {
        List<String> argv = LogsQueryAction.argv("journalctl", new LogsQueryAction.Params("app.timer", "warn..critical",
                null, null, null, 1, true, null, false), null);
        assertEquals(List.of("--user-unit=app.timer", "--priority=warning..crit"), argv.subList(6, argv.size()));
        assertEquals("emerg..err", Journal.normalizePriority("emergency..error"));
        assertEquals("3", Journal.normalizePriority("3"));
    }

    @Test
    void thisBootIsTheBootOfTheNewestEntry() throws Exception {
        LogsQueryAction.Params errors = new LogsQueryAction.Params(null, "err", null, null, null, 100, false, 0, false);
        List<String> thisBoot = LogsQueryAction.argv("journalctl", errors, ID);
        assertEquals(List.of("--priority=err", "--boot=" + ID), thisBoot.subList(6, thisBoot.size()));
        List<String> unknown = LogsQueryAction.argv("journalctl", errors, null);
        assertEquals(List.of("--priority=err", "--boot=0"), unknown.subList(6, unknown.size()), "journalctl's own then");
        LogsQueryAction.Params kernel = new LogsQueryAction.Params(null, null, null, null, null, 100, false, null, true);
        assertTrue(LogsQueryAction.meansThisBoot(kernel), "--dmesg implies this boot");
        List<String> dmesg = LogsQueryAction.argv("journalctl", kernel, ID);
        assertEquals(List.of("--boot=" + ID, "--dmesg"), dmesg.subList(6, dmesg.size()));
        LogsQueryAction.Params all = new LogsQueryAction.Params(null, null, null, null, null, 100, false, null, false);
        assertFalse(LogsQueryAction.meansThisBoot(all));
        assertEquals(6, LogsQueryAction.argv("journalctl", all, null).size(), "no boot, no kernel: the whole journal");
        assertFalse(LogsQueryAction.meansThisBoot(new LogsQueryAction.Params(null, null, null, null, null, 100, false,
                -1, true)));

        assertEquals("93bdf913d27b4b489a33f9950ee54a73", Journal.bootId(Captured.text("journal-newest.jsonl")));
        assertNull(Journal.bootId(""));
        assertNull(Journal.bootId("{\"_BOOT_ID\":\"--boot=1\"}"), "only an id reaches --boot");
        assertNull(Journal.bootId("not json"));
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
