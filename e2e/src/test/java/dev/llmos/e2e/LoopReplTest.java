package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.llmtest.ScriptedChatServer;
import dev.llmos.llmtest.ScriptedChatServer.Reply;
import dev.llmos.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<String> shell = new ArrayList<>(List.of("env", "XDG_STATE_HOME=" + dir.resolve("state"), "TERM=xterm"));
        shell.addAll(Distribution.llmsh("--socket", daemon.socket.toString(), "--no-autostart"));
        tmux = Tmux.start("llmos-loop-repl-" + ProcessHandle.current().pid(), 200, 50, shell);
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

    @Test
    void declinedThenAcceptedThenAlwaysForTheSession() throws Exception {
        Path note = dir.resolve("note.txt");
        model.then(Reply.call("fs-write", write(note, "hello")), Reply.answer("you declined, nothing written [s1]"));
        tmux.keys("ask write hello into " + note, "Enter");
        tmux.await(s -> s.contains("[y]es, [N]o, [a]lways for fs.write in this session"));
        tmux.keys("n", "Enter");
        tmux.await(s -> s.contains("you declined, nothing written [s1]"));
        assertFalse(Files.exists(note));
        String declined = ScriptedChatServer.shown(model.received().get(1));
        assertTrue(declined.contains("the person declined it; nothing was changed"), declined);

        tmux.clear();
        model.then(Reply.call("fs-write", write(note, "hello")), Reply.answer("written [s2]"));
        tmux.keys("ask write hello into " + note + " please", "Enter");
        tmux.await(s -> s.contains("[y]es, [N]o, [a]lways"));
        tmux.keys("y", "Enter");
        tmux.await(s -> s.contains("written [s2]") && s.lastIndexOf("llmsh>") > s.indexOf("written [s2]"));
        assertEquals("hello", Files.readString(note));

        tmux.clear();
        Path second = dir.resolve("second.txt");
        model.then(Reply.call("fs-write", write(second, "again")), Reply.answer("written again [s1]"));
        tmux.keys("ask write again into " + second, "Enter");
        tmux.await(s -> s.contains("[y]es, [N]o, [a]lways"));
        tmux.keys("a", "Enter");
        tmux.await(s -> s.contains("written again [s1]") && s.lastIndexOf("llmsh>") > s.indexOf("written again"));
        assertEquals("again", Files.readString(second));

        tmux.clear();
        Path third = dir.resolve("third.txt");
        model.then(Reply.call("fs-write", write(third, "no question")), Reply.answer("done [s1]"));
        tmux.keys("ask and a third one into " + third, "Enter");
        String screen = tmux.await(s -> s.contains("done [s1]") && s.lastIndexOf("llmsh>") > s.indexOf("done [s1]"));
        String last = screen.substring(screen.lastIndexOf("ask and a third one"));
        assertTrue(last.contains("running: you said always for fs.write in this session"), last);
        assertFalse(last.contains("[y]es, [N]o"), last);
        assertEquals("no question", Files.readString(third));

        for (JsonNode request : model.received()) {
            assertFalse(ScriptedChatServer.shown(request).matches("(?s).*c-[A-Za-z0-9_-]{24}.*"), "no token reached the model");
        }
    }
}
