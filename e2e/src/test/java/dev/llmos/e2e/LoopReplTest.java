package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.testkit.TestUsers;
import dev.llmos.llmtest.ScriptedChatServer;
import dev.llmos.llmtest.ScriptedChatServer.Reply;
import dev.llmos.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the loop in the interactive shell, in a real terminal (tmux), with a scripted model: a change the
 * person declines is fed back as declined and nothing changes; one they accept runs; "always" for an
 * action lasts for the rest of the session and no longer asks.
 */
class LoopReplTest {
    private static ScriptedChatServer model;
    private static Tmux tmux;
    private static DaemonProcess daemon;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestUsers.isRoot(), "a root daemon");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tmux")), "needs tmux");
        model = ScriptedChatServer.start("scripted");
        dir = Distribution.publicTempDir("llmos-e2e-loop-repl");
        Path config = dir.resolve("planner.toml");
        Files.writeString(config, "[local]\nendpoint = \"" + model.endpoint() + "\"\nmodel = \"scripted\"\ntimeout_s = 30\n");
        daemon = DaemonProcess.startIn(Files.createDirectories(dir.resolve("daemon")), "--config", config.toString());
        tmux = Tmux.start("llmos-loop-repl", 200, 50, List.of("XDG_STATE_HOME=" + dir.resolve("state"), "TERM=xterm"),
                daemon.llmshArgv(null));
        tmux.await(s -> s.contains("llmsh>"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (tmux != null) {
            tmux.close();
        }
        if (daemon != null) {
            daemon.close();
        }
        if (model != null) {
            model.close();
        }
    }

    private static String write(Path file, String content) {
        var args = Json.MAPPER.createObjectNode().put("path", file.toString()).put("content", content);
        return Json.toString(args);
    }

    /** what the screen shows from the last time {@code typed} was entered on. */
    private static String since(String screen, String typed) {
        int at = screen.lastIndexOf(typed);
        return at < 0 ? "" : screen.substring(at);
    }

    /** types {@code line} and waits for the prompt of its first change. */
    private static void askAndAwaitPrompt(String line) throws Exception {
        tmux.keys(line, "Enter");
        tmux.await(s -> since(s, line).contains("[y]es, [N]o, [a]lways for fs.write in this session"));
    }

    /** answers the prompt and waits until {@code answer} is printed and the shell is back. */
    private static String answerAndAwait(String line, String key, String answer) throws Exception {
        if (key != null) {
            tmux.keys(key, "Enter");
        }
        return since(tmux.await(s -> since(s, line).contains(answer)
                && since(s, line).lastIndexOf("llmsh>") > since(s, line).indexOf(answer)), line);
    }

    @Test
    void declinedThenAcceptedThenAlwaysForTheSession() throws Exception {
        Path note = dir.resolve("note.txt");
        model.then(Reply.call("fs-write", write(note, "hello")), Reply.answer("you declined, nothing written [s1]"));
        String first = "ask write hello into " + note;
        askAndAwaitPrompt(first);
        answerAndAwait(first, "n", "you declined, nothing written [s1]");
        assertFalse(Files.exists(note));
        String declined = ScriptedChatServer.shown(model.received().get(1));
        assertTrue(declined.contains("the person declined it; nothing was changed"), declined);

        model.then(Reply.call("fs-write", write(note, "hello")), Reply.answer("written [s1]"));
        String second = "ask write hello into " + note + " please";
        askAndAwaitPrompt(second);
        answerAndAwait(second, "y", "written [s1]");
        assertEquals("hello", Files.readString(note));

        Path again = dir.resolve("second.txt");
        model.then(Reply.call("fs-write", write(again, "again")), Reply.answer("written again [s1]"));
        String third = "ask write again into " + again;
        askAndAwaitPrompt(third);
        answerAndAwait(third, "a", "written again [s1]");
        assertEquals("again", Files.readString(again));

        Path last = dir.resolve("third.txt");
        model.then(Reply.call("fs-write", write(last, "no question")), Reply.answer("done [s1]"));
        String fourth = "ask and a third one into " + last;
        tmux.keys(fourth, "Enter");
        String shown = answerAndAwait(fourth, null, "done [s1]");
        assertTrue(shown.contains("running: you said always for fs.write in this session"), shown);
        assertFalse(shown.contains("[y]es, [N]o"), shown);
        assertEquals("no question", Files.readString(last));

        for (JsonNode request : model.received()) {
            assertFalse(ScriptedChatServer.shown(request).matches("(?s).*c-[A-Za-z0-9_-]{24}.*"), "no token reached the model");
        }
    }
}
