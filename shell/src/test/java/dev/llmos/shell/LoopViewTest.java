package dev.llmos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llmos.loop.Call;
import dev.llmos.loop.Digest;
import dev.llmos.loop.Result;
import dev.llmos.protocol.Json;
import dev.llmos.shell.render.Screen;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** what the person sees of a loop: step lines, the answer with its sources; nothing the model wrote drives the terminal. */
class LoopViewTest {
    private static final Call LIST = new Call("s1", "fs.list", Json.MAPPER.createObjectNode().put("path", "/var/log")
            .put("limit", 20), "read");

    @Test
    void aStepLineSaysWhatRanWhatCameBackAndWhatTheModelSaw() {
        Result whole = Result.ok("s1", Digest.feed(Json.MAPPER.createObjectNode().put("n", 1), 1000));
        assertEquals("[s1 fs.list path=/var/log limit=20]: ok, 7 bytes (tx-1)", LoopView.step(LIST, whole, "tx-1"));
        Result cut = new Result("s1", Result.Status.OK, Json.MAPPER.createObjectNode(), null, 5000L, 2048L);
        assertEquals("[s1 fs.list path=/var/log limit=20]: ok, 4.9 KiB (the model saw 2.0 KiB, cut where marked)",
                LoopView.step(LIST, cut, null));
        Result notRun = Result.of("s1", Result.Status.NOT_RUN, "the budget of 3 steps is used up\nmore");
        assertEquals("[s1 fs.list path=/var/log limit=20]: not run: the budget of 3 steps is used up …",
                LoopView.step(LIST, notRun, null));
    }

    @Test
    void anAnswerListsTheStepsItCitesWithTheirTransactionsAndCannotDriveTheTerminal() {
        RunLog log = new RunLog("t.json", "ask");
        log.step("s1", "fs.list", "tx-0001", false, 1.0);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Screen out = new Screen(bytes, false, null);
        LoopView.answer(out, "two logs [s1], and see [s9]\u001b[2J\n", Map.of("s1", LIST), log);
        out.flush();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(-1, text.indexOf('\u001b'), "the escape sequence is shown, not sent: " + text);
        assertEquals("""
                sources:
                  [s1] fs.list path=/var/log limit=20  tx-0001
                  [s9] (no such step)
                """, text.substring(text.indexOf("sources:")));
    }

    @Test
    void theRunRecordSitsBesideItsTranscript() {
        assertEquals(Path.of("/x/20261206-141350-e3ba24.run.json"),
                Transcripts.runFile(Path.of("/x/20261206-141350-e3ba24.json")));
    }
}
