package dev.llmos.modeld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmos.openai.ChatResult;
import dev.llmos.openai.Endpoint;
import dev.llmos.openai.OpenAiClient;
import dev.llmos.openai.OpenAiConfig;
import dev.llmos.openai.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemd-socket-activate} holds the socket and execs llm-modeld in place on the first
 * connection, passing the socket as fd 3 with {@code LISTEN_FDS=1}, as a systemd socket unit does.
 */
abstract class SocketActivationContract {
    private static final Path ACTIVATE = Path.of("/usr/bin/systemd-socket-activate");
    private static final Duration IDLE_EXIT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    abstract TestModel testModel();

    @Test
    void startsOnTheFirstConnectionServesAndLeavesWhenIdle() throws Exception {
        assumeTrue(Files.isExecutable(ACTIVATE), "systemd-socket-activate is not installed");
        Path socket = dir.resolve("activated.sock");
        List<String> command = new ArrayList<>(List.of(ACTIVATE.toString(), "-l", socket.toString(), "--"));
        command.addAll(ModeldProcess.javaCommand(ModeldProcess.modeldArgs(testModel(), null, IDLE_EXIT)));
        try (ModeldProcess activator = ModeldProcess.start(command, dir.resolve("activated.log"));
             RawHttp raw = new RawHttp(socket);
             OpenAiClient client = OpenAiClient.create(OpenAiConfig.of(new Endpoint.UnixSocket(socket)).withRetry(RetryPolicy.NONE))) {
            awaitSocketFile(socket);
            Thread.sleep(300);
            assertNotEquals("java", activator.command(), "no jvm may run before the first connection");
            long rssIdle = activator.rssKib().orElseThrow();

            ChatResult result = client.chat(ModeldServerContract.planRequest());
            assertEquals(Set.of(), SchemaCheck.errors(PlanSchema.JSON, result.content()), result.content());
            assertEquals("java", activator.command(), "the activator execs llm-modeld in place");
            assertEquals("listen-fds", raw.get("/health").body().path("activation").asText());
            assertTrue(activator.rssKib().orElseThrow() > rssIdle);

            assertTrue(activator.awaitExit(IDLE_EXIT.plusSeconds(15)), activator.log());
            assertEquals(0, activator.exitValue(), activator.log());
            assertTrue(Files.exists(socket), "the socket file belongs to the activator and stays");
        }
    }

    private static void awaitSocketFile(Path socket) throws InterruptedException {
        for (int i = 0; i < 1500 && !Files.exists(socket); i++) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(socket), "systemd-socket-activate did not create " + socket);
    }
}
