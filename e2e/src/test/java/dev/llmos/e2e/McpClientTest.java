package dev.llmos.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.testkit.TestUsers;
import dev.llmos.protocol.Json;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * the mcp java sdk's own client against {@code llmsh mcp}, through a real root daemon, as two
 * real users: every call keeps its caller's identity (the kernel says so), policy decides as for
 * llmsh (a write asks, a protected path is denied), an ask is confirmed only by the person
 * (elicitation) or left to the llmsh command it names, progress arrives, a cancelled call stops
 * its program, and the tool list follows the daemon's catalog.
 */
class McpClientTest {
    private static DaemonProcess daemon;
    private static Path dir;
    private static TestUsers.User ann;
    private static TestUsers.User ben;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestUsers.isRoot(), "a root daemon and two users need root");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "proc.run needs bubblewrap here");
        dir = Distribution.publicTempDir("llmos-e2e-mcp");
        Path policy = dir.resolve("policy.toml");
        Files.writeString(policy, """
                [[rule]]
                id = "mcp-e2e-run"
                actions = ["proc.run"]
                decision = "allow"
                reason = "the mcp e2e test runs programs without asking"
                """);
        ann = TestUsers.ensure("llmos-mcp-ann");
        ben = TestUsers.ensure("llmos-mcp-ben");
        daemon = DaemonProcess.startIn(dir, "--policy", policy.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    private static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().getFirst()).text();
    }

    private static JsonNode structured(McpSchema.CallToolResult result) {
        assertFalse(result.isError(), () -> text(result));
        return Json.MAPPER.valueToTree(result.structuredContent());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    private static Path privateFile(TestUsers.User owner, String text) throws Exception {
        Path file = Path.of(owner.home(), "mcp-private-" + System.nanoTime() + ".txt");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setAttribute(file, "unix:uid", owner.uid());
        Files.setAttribute(file, "unix:gid", owner.gid());
        return file;
    }

    @Test
    void twoUsersEachCallAsThemselvesAndSeeOnlyTheirOwnAuditRecords() throws Exception {
        Path bensSecret = privateFile(ben, "ben's secret");
        try (McpSyncClient asAnn = McpClients.connect(McpClients.stdio(daemon, ann), new McpClients.Seen(), null);
                McpSyncClient asBen = McpClients.connect(McpClients.stdio(daemon, ben), new McpClients.Seen(), null)) {
            JsonNode annId = structured(call(asAnn, "proc_run", Map.of("argv", List.of("id", "-u"))));
            JsonNode benId = structured(call(asBen, "proc_run", Map.of("argv", List.of("id", "-u"))));
            assertEquals(Integer.toString(ann.uid()), annId.at("/output/stdout").asText().strip());
            assertEquals(Integer.toString(ben.uid()), benId.at("/output/stdout").asText().strip());

            McpSchema.CallToolResult bensRead = call(asBen, "fs_read", Map.of("path", bensSecret.toString()));
            assertTrue(structured(bensRead).toString().contains("ben's secret"), text(bensRead));
            McpSchema.CallToolResult annsRead = call(asAnn, "fs_read", Map.of("path", bensSecret.toString()));
            assertTrue(annsRead.isError(), "the kernel refuses ann: " + text(annsRead));
            assertFalse(text(annsRead).contains("ben's secret"));

            JsonNode annsAudit = Json.parse(((McpSchema.TextResourceContents) asAnn
                    .readResource(new McpSchema.ReadResourceRequest("llmos://audit/tail")).contents().getFirst())
                    .text().getBytes(StandardCharsets.UTF_8));
            List<String> txids = annsAudit.findValuesAsText("txid");
            assertTrue(txids.contains(annId.path("txid").asText()), annsAudit.toString());
            assertFalse(txids.contains(benId.path("txid").asText()), annsAudit.toString());
            for (JsonNode uid : annsAudit.findValues("uid")) {
                assertEquals(ann.uid(), uid.asInt(), annsAudit.toString());
            }
        }
    }

    @Test
    void aWriteThatPolicyAsksAboutRunsOnlyOnThePersonsYes() throws Exception {
        Path note = Path.of(ann.home(), "mcp-note-" + System.nanoTime() + ".txt");
        List<McpSchema.ElicitFormRequest> asked = new CopyOnWriteArrayList<>();
        List<Boolean> answers = new CopyOnWriteArrayList<>(List.of(false, true));
        McpClients.Seen seen = new McpClients.Seen();
        try (McpSyncClient client = McpClients.connect(McpClients.stdio(daemon, ann), seen, request -> {
            asked.add(request);
            return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", answers.removeFirst()));
        })) {
            Map<String, Object> write = Map.of("path", note.toString(), "content", "written through mcp");
            McpSchema.CallToolResult declined = call(client, "fs_write", write);
            assertTrue(declined.isError());
            assertTrue(text(declined).contains("did not confirm"), text(declined));
            assertFalse(Files.exists(note), "a no changes nothing");
            assertTrue(asked.getFirst().message().contains(note.toString()), "the person saw the preview: "
                    + asked.getFirst().message());

            JsonNode written = structured(call(client, "fs_write", write));
            assertEquals("written through mcp", Files.readString(note));
            assertEquals(ann.uid(), Files.getAttribute(note, "unix:uid"), "written as ann");
            assertTrue(written.at("/undo/available").asBoolean(), written.toString());
            assertEquals(2, asked.size());
            assertTrue(seen.logs.stream().anyMatch(log -> log.data().contains("policy asks")), seen.logs.toString());

            String undoList = ((McpSchema.TextResourceContents) client
                    .readResource(new McpSchema.ReadResourceRequest("llmos://undo/list")).contents().getFirst()).text();
            assertTrue(undoList.contains(written.path("txid").asText()), undoList);
        }
    }

    @Test
    void withoutElicitationTheModelGetsThePreviewAndALlmshCommandThatWorksButNoToken() throws Exception {
        Path note = Path.of(ann.home(), "mcp-command-" + System.nanoTime() + ".txt");
        String command;
        try (McpSyncClient client = McpClients.connect(McpClients.stdio(daemon, ann), new McpClients.Seen(), null)) {
            McpSchema.CallToolResult asks = call(client, "fs_write", Map.of("path", note.toString(), "content", "it's mine"));
            assertTrue(asks.isError());
            String text = text(asks);
            assertFalse(Files.exists(note));
            assertTrue(text.contains("create " + note), text);
            assertFalse(text.contains("\"confirm\""), "no token reaches the model: " + text);
            command = text.lines().filter(line -> line.strip().startsWith("llmsh ")).findFirst().orElseThrow().strip();
        }
        // the person runs it in a shell; this llmsh is the distribution's, and the person answers yes
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path llmsh = bin.resolve("llmsh");
        List<String> java = Distribution.llmsh();
        Files.writeString(llmsh, "#!/bin/sh\nexec " + String.join(" ", java.stream().map(word -> "'" + word + "'").toList())
                + " --yes \"$@\"\n");
        Files.setPosixFilePermissions(llmsh, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run ran = Run.of(Run.as(ann, List.of("/usr/bin/env", "PATH=" + bin + ":/usr/bin:/bin", "/bin/sh", "-c", command)));
        assertEquals(0, ran.exit(), command + "\n" + ran);
        assertEquals("it's mine", Files.readString(note));
        assertEquals(ann.uid(), Files.getAttribute(note, "unix:uid"));
    }

    @Test
    void aDeniedToolChangesNothingAndSaysItWasPolicy() throws Exception {
        try (McpSyncClient client = McpClients.connect(McpClients.stdio(daemon, null), new McpClients.Seen(),
                request -> new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("confirm", true)))) {
            McpSchema.CallToolResult denied = call(client, "fs_delete", Map.of("path", "/etc/passwd"));
            assertTrue(denied.isError());
            assertTrue(text(denied).startsWith("llm-os policy denied fs.delete"), text(denied));
            assertTrue(Files.exists(Path.of("/etc/passwd")));
            McpSchema.CallToolResult invalid = call(client, "fs_list", Map.of("path", "/tmp", "recursively", true));
            assertTrue(invalid.isError());
            assertTrue(text(invalid).contains("/params/params/recursively"), text(invalid));
        }
    }

    @Test
    void progressArrivesWhileAProgramRunsAndCancellingTheCallKillsIt() throws Exception {
        String marker = "llmos-mcp-cancel-" + System.nanoTime();
        McpClients.Seen seen = new McpClients.Seen();
        McpClients.Cancelling transport = McpClients.stdio(daemon, ann);
        try (McpSyncClient client = McpClients.connect(transport, seen, null)) {
            McpSchema.CallToolRequest request = new McpSchema.CallToolRequest("proc_run",
                    Map.of("argv", List.of("python3", "-c", "import time; time.sleep(600)", marker), "timeout_s", 120),
                    Map.of("progressToken", "run-1"));
            CompletableFuture<McpSchema.CallToolResult> result = CompletableFuture.supplyAsync(() -> client.callTool(request));
            await(() -> seen.progress.size() >= 2, "progress arrives");
            assertEquals("run-1", seen.progress.getFirst().progressToken());
            assertTrue(seen.progress.get(1).progress() > seen.progress.getFirst().progress());
            assertTrue(seen.progress.getFirst().message().contains("running for"), seen.progress.getFirst().message());
            assertTrue(sleepers(marker) > 0, "the program runs");
            transport.cancel(transport.toolCalls.getLast());
            McpSchema.CallToolResult ended = result.get(60, TimeUnit.SECONDS);
            assertTrue(text(ended).contains("cancelled"), text(ended));
            await(() -> sleepers(marker) == 0, "the program is gone");
        }
    }

    private static long sleepers(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false)).count();
    }

    @Test
    void theToolListFollowsTheDaemonsCatalogAcrossARestart() throws Exception {
        Path own = Distribution.publicTempDir("llmos-e2e-mcp-catalog");
        Path project = Path.of(System.getProperty("user.dir"));
        McpClients.Seen seen = new McpClients.Seen();
        DaemonProcess first = DaemonProcess.startIn(own);
        try (McpSyncClient client = McpClients.connect(McpClients.stdio(first, null), seen, null)) {
            List<String> before = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
            assertTrue(before.contains("fs_list") && !before.contains("test_simple_text"), before.toString());
            first.close();
            try (DaemonProcess second = DaemonProcess.startIn(own,
                    List.of(project.resolve("target/test-classes"), project.resolve("src/test/fixtures")))) {
                structured(call(client, "sys_info", Map.of()));
                await(() -> seen.toolLists.stream().anyMatch(tools -> tools.stream()
                        .anyMatch(tool -> tool.name().equals("test_simple_text"))), "the client hears of the new tools");
                JsonNode answer = structured(call(client, "test_simple_text", Map.of()));
                assertEquals("This is a simple text response for testing.", answer.at("/output/text").asText());
                assertTrue(seen.logs.stream().anyMatch(log -> log.data().contains("catalog changed")), seen.logs.toString());
            }
        } finally {
            first.close();
        }
    }

    @Test
    void overStreamableHttpTheUsersOwnServerNeedsTheirTokenAndCallsAsThem() throws Exception {
        Path tokenFile = Path.of(ann.home(), ".config", "llm-os", "mcp-token-" + System.nanoTime());
        try (McpServerProcess server = McpServerProcess.start(daemon, ann, dir.resolve("http-ann.log"),
                "--listen", "127.0.0.1:0", "--token-file", tokenFile.toString())) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
            assertEquals(ann.uid(), Files.getAttribute(tokenFile, "unix:uid"));
            String token = Files.readString(tokenFile).strip();
            assertThrows(RuntimeException.class, () -> McpClients.connect(McpClients.http(server.where, null),
                    new McpClients.Seen(), null).close());
            assertThrows(RuntimeException.class, () -> McpClients.connect(McpClients.http(server.where, token + "x"),
                    new McpClients.Seen(), null).close());
            try (McpSyncClient client = McpClients.connect(McpClients.http(server.where, token), new McpClients.Seen(), null)) {
                JsonNode id = structured(call(client, "proc_run", Map.of("argv", List.of("id", "-u"))));
                assertEquals(Integer.toString(ann.uid()), id.at("/output/stdout").asText().strip());
                assertNotEquals(0, ann.uid());
            }
        }
    }
}
