package dev.llmos.shell;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** plain words go to the planner; a mistyped command never does. */
class PlainWordsTest {
    private static String refusal(String... words) {
        CliException e = assertThrows(CliException.class, () -> PlainWords.check(List.of(words), Commands.root()));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        return e.getMessage();
    }

    @Test
    void aSingleTokenThatLooksLikeACommandIsAUsageError() {
        assertEquals("unknown command 'stauts'; did you mean 'status'?", refusal("stauts"));
        assertEquals("unknown command 'undo-list'; did you mean 'undo'?", refusal("undo-list"));
        assertEquals("unknown command 'sys.info'; did you mean 'do sys.info'?", refusal("sys.info"));
        assertEquals("unknown command 'path=/tmp'", refusal("path=/tmp"));
        assertEquals("unknown command 'list-files'", refusal("list-files"));
    }

    @Test
    void aNearMissFollowedByCommandArgumentsIsAUsageError() {
        assertEquals("unknown command 'desribe'; did you mean 'describe'?", refusal("desribe", "fs.list"));
        assertEquals("unknown command 'udno'; did you mean 'undo'?", refusal("udno", "tx-01a2-0000"));
        assertEquals("unknown command 'aply'; did you mean 'apply'?", refusal("aply", "plan.json"));
    }

    @Test
    void plainWordsPass() {
        for (List<String> words : List.of(List.of("uptime"), List.of("what", "is", "using", "my", "disk"),
                List.of("status", "of", "nginx"), List.of("show", "me", "the", "3", "biggest", "processes"),
                List.of("plan", "my", "week"), List.of("delete", "~/tmp/old.txt"))) {
            assertDoesNotThrow(() -> PlainWords.check(words, Commands.root()), words.toString());
        }
    }
}
