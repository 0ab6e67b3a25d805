package dev.llmos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmos.loop.Call;
import dev.llmos.loop.Digest;
import dev.llmos.loop.Result;
import dev.llmos.protocol.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** what the person sees of a loop: step lines, the answer with its sources. */
class LoopViewTest {
    private static final Call LIST = new Call("s1", "fs.list", Json.MAPPER.createObjectNode().put("path", "/var/log")
            .put("limit", 20), "read");

    @Test
    void aStepLineSaysWhatRanWhatCameBackAndWhatTheModelSaw() {
        Result whole = Result.ok("s1", Digest.feed(Json.MAPPER.createObjectNode().put("n", 1), 1000));
        assertEquals("[s1 fs.list path=/var/log limit=20]: ok, 7 B (tx-1)", LoopView.step(LIST, whole, "tx-1"));
        Result cut = new Result("s1", Result.Status.OK, Json.MAPPER.createObjectNode(), null, 5000L, 2048L);
        assertEquals("[s1 fs.list path=/var/log limit=20]: ok, 4.9 KiB (the model saw 2.0 KiB, cut where marked)",
                LoopView.step(LIST, cut, null));
        Result denied = Result.of("s1", Result.Status.NOT_RUN, "the budget of 3 steps is used up\nmore");
        assertEquals("[s1 fs.list path=/var/log limit=20]: not run: the budget of 3 steps is used up …",
                LoopView.step(LIST, denied, null));
    }

    @Test
    void anAnswerListsTheStepsItCitesWithTheirTransactions() {
        RunLog log = new RunLog("t.json", "ask");
        log.step("s1", "fs.list", "tx-0001", false, 1.0);
        StringWriter text = new StringWriter();
        LoopView.answer(new PrintWriter(text, true), "two logs [s1], and see [s9]\n", Map.of("s1", LIST), log);
        assertEquals("""
                two logs [s1], and see [s9]

                sources:
                  [s1] fs.list path=/var/log limit=20  tx-0001
                  [s9] (no such step)
                """, text.toString());
    }

    @Test
    void theRunRecordSitsBesideItsTranscript() {
        assertEquals(Path.of("/x/20261206-141350-e3ba24.run.json"),
                Transcripts.runFile(Path.of("/x/20261206-141350-e3ba24.json")));
    }
}
