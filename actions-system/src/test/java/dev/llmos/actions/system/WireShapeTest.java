package dev.llmos.actions.system;

import dev.llmos.action.testkit.TestContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Action;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** runs each action as the daemon does (bind json params, execute, encode) and checks the output's wire names. */
class WireShapeTest {
    private static final ActionCatalog CATALOG = ActionCatalog.discover();
    private static Path dir;
    private static ServerSocket server;

    @BeforeAll
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("wire");
        Files.writeString(dir.resolve("file.txt"), "x".repeat(100));
        Files.setPosixFilePermissions(dir.resolve("file.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("file.txt"));
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void tearDown() throws Exception {
        server.close();
        Files.delete(dir.resolve("link"));
        Files.delete(dir.resolve("file.txt"));
        Files.delete(dir);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "fs.list        | {\"path\":\"DIR\"}                 | /entries/1/symlink_target | DIR/file.txt",
        "fs.list        | {\"path\":\"DIR\"}                 | /entries/0/mode           | 0644",
        "fs.stat        | {\"path\":\"DIR/link\"}            | /type                     | symlink",
        "fs.read        | {\"path\":\"DIR/file.txt\"}        | /bytes_read               | 100",
        "sys.info       | {}                                 | /memory/total_bytes       |",
        "sys.info       | {}                                 | /os/pretty_name           |",
        "sys.info       | {}                                 | /uptime_seconds           |",
        "sys.disk_usage | {}                                 | /filesystems/0/use_percent |",
        "sys.disk_usage | {\"path\":\"DIR\"}                 | /entries/0/type           | file",
        "sys.disk_usage | {\"path\":\"DIR\"}                 | /entry_count              | 2",
        "sys.disk_usage | {\"path\":\"DIR\"}                 | /filesystem/inode_use_percent |",
        "proc.list      | {\"limit\":1,\"sort\":\"memory\"}  | /processes/0/rss_bytes    |",
        "proc.list      | {\"limit\":1}                      | /processes/0/cpu_percent  |",
        "net.interfaces | {}                                 | /interfaces/0/rx_bytes    |",
        "net.listening  | {\"protocol\":\"tcp\"}             | /sockets/0/protocol       | tcp",
    })
    void outputUsesSnakeCaseAndLowercaseEnums(String name, String params, String pointer, String expected)
            throws Exception {
        CatalogEntry entry = CATALOG.find(name);
        byte[] json = params.replace("DIR", dir.toString()).getBytes(StandardCharsets.UTF_8);
        CatalogEntry.Bound bound = entry.bind(Json.parse(json), "/params");
        @SuppressWarnings("unchecked")
        Action<Record> action = (Action<Record>) entry.action();
        JsonNode output = Json.toTree(TestContext.readOnly().execute(action, bound.value()));
        JsonNode value = output.at(pointer);
        assertFalse(value.isMissingNode() || value.isNull(), pointer + " in " + output);
        if (expected != null) {
            assertEquals(expected.replace("DIR", dir.toString()), value.asText());
        }
    }
}
