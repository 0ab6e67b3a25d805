package dev.llmos.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "did you mean": close words, swapped letters, prefixes and compounds. */
class SuggestTest {
    private static final List<String> COMMANDS = List.of("ask", "plan", "apply", "actions", "describe", "do", "status",
            "undo", "audit", "policy", "lease", "completion", "help");

    @Test
    void typosSwapsPrefixesAndCompoundsFindTheCommand() {
        assertEquals(List.of("status"), Suggest.closest("stauts", COMMANDS));
        assertEquals(List.of("status"), Suggest.closest("Status", COMMANDS));
        assertEquals(List.of("describe"), Suggest.closest("desribe", COMMANDS));
        assertEquals(List.of("describe"), Suggest.closest("desc", COMMANDS));
        assertEquals(List.of("undo"), Suggest.closest("undo-list", COMMANDS));
        assertEquals(List.of("audit"), Suggest.closest("audit_tail", COMMANDS));
        assertEquals(List.of("apply"), Suggest.closest("aply", COMMANDS));
    }

    @Test
    void ordinaryWordsAreNotCommands() {
        assertEquals(List.of(), Suggest.closest("uptime", COMMANDS));
        assertEquals(List.of(), Suggest.closest("what", COMMANDS));
        assertEquals(List.of(), Suggest.closest("reboot", COMMANDS));
    }

    @Test
    void thePhraseListsAtMostThree() {
        assertEquals("", Suggest.phrase(List.of()));
        assertEquals("; did you mean 'a'?", Suggest.phrase(List.of("a")));
        assertEquals("; did you mean one of 'a', 'b', 'c'?", Suggest.phrase(List.of("a", "b", "c", "d")));
    }
}
