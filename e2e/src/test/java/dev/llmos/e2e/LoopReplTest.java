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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the loop in the interactive shell, in a real terminal (tmux), with a scripted model: a change the
 * person declines is fed back as declined and nothing changes; one they accept runs; "always" for an
 * action lasts for the rest of the session and no longer asks.
 */
class LoopReplTest {
    private static final String SESSION = "llmos-loop-repl-" + ProcessHandle.current().pid();
    private static ScriptedChatServer model;
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
        Run started = Run.of(List.of("tmux", "new-session", "-d", "-s", SESSION, "-x", "200", "-y", "50",
                String.join(" ", shell.stream().map(LoopReplTest::quote).toList())));
        assertTrue(started.exit() == 0, started.toString());
        awaitScreen(s -> s.contains("llmsh>"));
    }

    @AfterAll
    static void stop() throws Exception {
        Run.of(List.of("tmux", "kill-session", "-t", SESSION));
        if (daemon != null) {
            daemon.close();
        }
        if (model != null) {
            model.close();
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static void keys(String... keys) throws Exception {
        List<String> argv = new ArrayList<>(List.of("tmux", "send-keys", "-t", SESSION));
        argv.addAll(List.of(keys));
        Run.of(argv);
    }

    private static void clear() throws Exception {
        Run.of(List.of("tmux", "clear-history", "-t", SESSION));
        keys("C-l");
    }

    private static String awaitScreen(Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String text = "";
        while (System.nanoTime() < deadline) {
            text = Run.of(List.of("tmux", "capture-pane", "-p", "-J", "-t", SESSION, "-S", "-300")).out();
            if (ready.test(text)) {
                return text;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("screen never became ready:\n" + text);
    }

    private static String write(Path file, String content) {
        var args = Json.MAPPER.createObjectNode().put("path", file.toString()).put("content", content);
        return Json.toString(args);
    }

    @Test
    void declinedThenAcceptedThenAlwaysForTheSession() throws Exception {
        Path note = dir.resolve("note.txt");
        model.then(Reply.call("fs-write", write(note, "hello")), Reply.answer("you declined, nothing written [s1]"));
        keys("ask write hello into " + note, "Enter");
        awaitScreen(s -> s.contains("[y]es, [N]o, [a]lways for fs.write in this session"));
        keys("n", "Enter");
        awaitScreen(s -> s.contains("you declined, nothing written [s1]"));
        assertFalse(Files.exists(note));
        String declined = ScriptedChatServer.shown(model.received().get(1));
        assertTrue(declined.contains("the person declined it; nothing was changed"), declined);

        clear();
        model.then(Reply.call("fs-write", write(note, "hello")), Reply.answer("written [s2]"));
        keys("ask write hello into " + note + " please", "Enter");
        awaitScreen(s -> s.contains("[y]es, [N]o, [a]lways"));
        keys("y", "Enter");
        awaitScreen(s -> s.contains("written [s2]") && s.lastIndexOf("llmsh>") > s.indexOf("written [s2]"));
        assertEquals("hello", Files.readString(note));

        clear();
        Path second = dir.resolve("second.txt");
        model.then(Reply.call("fs-write", write(second, "again")), Reply.answer("written again [s1]"));
        keys("ask write again into " + second, "Enter");
        awaitScreen(s -> s.contains("[y]es, [N]o, [a]lways"));
        keys("a", "Enter");
        awaitScreen(s -> s.contains("written again [s1]") && s.lastIndexOf("llmsh>") > s.indexOf("written again"));
        assertEquals("again", Files.readString(second));

        clear();
        Path third = dir.resolve("third.txt");
        model.then(Reply.call("fs-write", write(third, "no question")), Reply.answer("done [s1]"));
        keys("ask and a third one into " + third, "Enter");
        String screen = awaitScreen(s -> s.contains("done [s1]") && s.lastIndexOf("llmsh>") > s.indexOf("done [s1]"));
        String last = screen.substring(screen.lastIndexOf("ask and a third one"));
        assertTrue(last.contains("running: you said always for fs.write in this session"), last);
        assertFalse(last.contains("[y]es, [N]o"), last);
        assertEquals("no question", Files.readString(third));

        for (JsonNode request : model.received()) {
            assertFalse(ScriptedChatServer.shown(request).matches("(?s).*c-[A-Za-z0-9_-]{24}.*"), "no token reached the model");
        }
    }
}
