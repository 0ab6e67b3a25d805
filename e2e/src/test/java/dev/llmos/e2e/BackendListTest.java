package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.llmtest.ScriptedChatServer;
import dev.llmos.llmtest.ScriptedChatServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * a real daemon configured with three backends as a {@code [[backend]]} list, the first unreachable
 * (its socket does not exist), a local model standing in second and a remote one third: plans and loop
 * turns fall through to the second, the third is never asked (it would come after the local ones), and
 * {@code system.status} lists them in the configured order with what the daemon saw of each.
 */
class BackendListTest {
    /** a request the embedded router refuses, so planning falls through to the llms. */
    private static final String UNROUTABLE = "zorble the quaxing frimbles";
    private static final String LIST_TMP = "{\"steps\":[{\"action\":\"fs.list\",\"params\":{\"path\":\"/tmp\"}}]}";

    private static ScriptedChatServer second;
    private static ScriptedChatServer third;
    private static DaemonProcess daemon;
    private static Path gone;

    @BeforeAll
    static void start() throws Exception {
        second = ScriptedChatServer.start("second-model");
        third = ScriptedChatServer.start("third-model");
        Path dir = Distribution.publicTempDir("llmos-e2e-backends");
        gone = dir.resolve("absent.sock");
        Path config = dir.resolve("planner.toml");
        Files.writeString(config, "privacy = \"allow-remote\"\n"
                + backend("first", false, "unix:" + gone, "first-model")
                + backend("second", false, second.endpoint(), "second-model")
                + backend("third", true, third.endpoint(), "third-model"));
        daemon = DaemonProcess.startIn(Files.createDirectories(dir.resolve("daemon")), "--config", config.toString());
    }

    private static String backend(String name, boolean remote, String endpoint, String model) {
        return "[[backend]]\nname = \"" + name + "\"\nremote = " + remote + "\nendpoint = \"" + endpoint
                + "\"\nmodel = \"" + model + "\"\ntimeout_s = 30\n";
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        for (ScriptedChatServer server : new ScriptedChatServer[] {second, third}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void planAndLoopFallThroughTheUnreachableFirstBackendToTheSecond() throws Exception {
        try (RpcClient client = daemon.connect()) {
            JsonNode before = client.call("system.status", null).at("/result/backends");
            assertEquals(List.of("router:router", "llm:first", "llm:second", "llm:third"), names(before));
            assertEquals("dormant", before.get(1).path("state").asText(), before.toString());

            second.then(Reply.answer(LIST_TMP));
            JsonNode plan = client.call("plan.create", RpcClient.params("{\"text\":\"" + UNROUTABLE + "\"}"));
            assertEquals("llm:second:second-model", plan.at("/result/planner").asText(), plan.toString());
            assertEquals("fs.list", plan.at("/result/steps/0/action").asText(), plan.toString());

            second.then(Reply.answer("nothing to do"));
            JsonNode turn = client.call("loop.turn", RpcClient.params("{\"request\":\"" + UNROUTABLE
                    + "\",\"turns\":[]}"));
            assertEquals("second", turn.at("/result/backend/name").asText(), turn.toString());
            assertEquals("nothing to do", turn.at("/result/turn/text").asText(), turn.toString());

            JsonNode after = client.call("system.status", null).at("/result/backends");
            assertEquals("unreachable", after.get(1).path("state").asText(), after.toString());
            assertEquals("unix:" + gone, after.get(1).path("endpoint").asText());
            assertFalse(after.get(1).path("error").asText().isBlank(), "why the first is unreachable");
            assertEquals("loaded", after.get(2).path("state").asText(), after.toString());
            assertEquals("dormant", after.get(3).path("state").asText(), after.toString());
        }
        assertEquals(2, second.received().size(), "one plan and one loop turn");
        assertEquals(List.of(), third.received(), "the remote backend comes after the local ones");
    }

    private static List<String> names(JsonNode backends) {
        List<String> names = new java.util.ArrayList<>();
        backends.forEach(backend -> names.add(backend.path("kind").asText() + ":" + backend.path("name").asText()));
        return names;
    }
}
