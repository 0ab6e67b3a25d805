package dev.llmos.shell.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** any result for people: every value shown, in a fixed zone and at a fixed instant. */
class RenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-06T13:20:00Z");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static String render(String json, int width, boolean color) throws Exception {
        JsonNode node = JSON.readTree(json);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Screen screen = new Screen(bytes, color, null);
        Render.value(screen, node, new Layout(width, NOW, PARIS));
        screen.finish();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fieldsAlignAndValuesAreShownAsPeopleReadThem() throws Exception {
        assertEquals("""
                path:        /tmp/a
                size:        1.5 KiB
                rx_bytes:    512 bytes
                memory_mb:   64.0 MiB
                mtime:       2026-12-06 14:18:00 (1 min ago)
                duration_ms: 850 ms
                uptime_s:    11 min 5 s
                load:        0.5
                note:        -
                empty:       ""
                tags:        a, b
                none:        (none)
                """, render("""
                {"path":"/tmp/a","size":1536,"rx_bytes":512,"memory_mb":64,"mtime":"2026-12-06T13:18:00.123456789Z",
                 "duration_ms":850,"uptime_s":665,"load":0.5,"note":null,"empty":"","tags":["a","b"],"none":[]}""", 0, false));
    }

    @Test
    void multiLineTextIsABlockAndADiffIsColouredLineByLine() throws Exception {
        assertEquals("""
                content:
                  line one
                  line two
                bytes: 9 bytes
                """, render("{\"content\":\"line one\\nline two\\n\",\"bytes\":9}", 0, false));
        String diff = render("{\"diff\":\"--- a\\n+++ b\\n@@ -1 +1 @@\\n-old\\n+new\\n\"}", 0, true);
        assertEquals("diff:\n  \033[1m--- a\033[0m\n  \033[1m+++ b\033[0m\n  \033[36m@@ -1 +1 @@\033[0m\n"
                + "  \033[31m-old\033[0m\n  \033[32m+new\033[0m\n", diff);
    }

    @Test
    void nestedListsAreLinesInsideTheirTableCell() throws Exception {
        assertEquals("""
                interfaces: (2)
                  NAME  ADDRESSES                                MTU
                  eth0  family=ipv4 address=192.0.2.2 prefix=24  1400
                        family=ipv6 address=fd00::2 prefix=64
                  lo    (none)                                   65536
                """, render("""
                {"interfaces":[{"name":"eth0","addresses":[{"family":"ipv4","address":"192.0.2.2","prefix":24},
                 {"family":"ipv6","address":"fd00::2","prefix":64}],"mtu":1400},{"name":"lo","addresses":[],"mtu":65536}]}""",
                0, false));
    }

    @Test
    void aTableWrapsToTheWidthAndBecomesRecordsWhenItCannotFitReadably() throws Exception {
        String rows = "[{\"name\":\"fs.list\",\"description\":\"list a directory: names, types, sizes, owners and times,"
                + " sorted by name\"}]";
        String wrapped = render(rows, 40, false);
        assertEquals("""
                NAME     DESCRIPTION
                fs.list  list a directory: names, types,
                         sizes, owners and times, sorted
                         by name
                """, wrapped);
        wrapped.lines().forEach(line -> assertTrue(line.length() <= 40, line));
        String records = render("[{\"a\":\"" + "x".repeat(30) + "\",\"b\":\"" + "y".repeat(30) + "\",\"c\":\"" + "z".repeat(30)
                + "\"}]", 40, false);
        assertEquals("-\n  a: " + "x".repeat(30) + "\n  b: " + "y".repeat(30) + "\n  c: " + "z".repeat(30) + "\n", records);
    }

    /** sys.disk_usage's filesystems, space and inodes, as this machine reported them. */
    private static final String FILESYSTEMS = """
            {"filesystems":[{"mount_point":"/","device":"/dev/vda","type":"ext4","size_bytes":270553174016,
             "used_bytes":71508209664,"available_bytes":37436084224,"use_percent":66,"inodes":16777216,
             "used_inodes":533872,"free_inodes":16243344,"inode_use_percent":4},
             {"mount_point":"/srv/fuse","device":"sshfs#backup","type":"fuse.sshfs","size_bytes":1099511627776,
             "used_bytes":0,"available_bytes":1099511627776,"use_percent":0,"inodes":null,"used_inodes":null,
             "free_inodes":null,"inode_use_percent":null}]}""";

    @Test
    void unitsAndPercentsTitleTheirColumnsAsDfDoes() throws Exception {
        assertEquals("""
                filesystems: (2)
                  MOUNT_POINT  DEVICE        TYPE        SIZE       USED      AVAILABLE  USE%  INODES    USED_INODES  FREE_INODES  INODE_USE%
                  /            /dev/vda      ext4        252.0 GiB  66.6 GiB  34.9 GiB   66    16777216  533872       16243344     4
                  /srv/fuse    sshfs#backup  fuse.sshfs  1.0 TiB    0 bytes   1.0 TiB    0     -         -            -            -
                """, render(FILESYSTEMS, 0, false));
        String fitted = render(FILESYSTEMS, 132, false);
        assertTrue(fitted.contains("USE%"), fitted);
        fitted.lines().forEach(line -> assertTrue(line.length() <= 132, line));
        String narrow = render(FILESYSTEMS, 80, false);
        assertTrue(narrow.contains("    inode_use_percent: -\n"), narrow);
        narrow.lines().forEach(line -> assertTrue(line.length() <= 80, line));
        String fractional = render("[{\"memory_mb\":1.5}]", 0, false);
        assertTrue(fractional.startsWith("MEMORY_MB\n1.5"), fractional);
        String both = render("[{\"size\":1,\"size_bytes\":2}]", 0, false);
        assertTrue(both.startsWith("SIZE    SIZE_BYTES\n"), both);
    }

    @Test
    void controlCharactersInDataNeverReachTheTerminal() throws Exception {
        String shown = render("{\"entries\":[{\"name\":\"a\\u001b[31mred\\r\\u0007\\u202e\"}],\"text\":\"x\\u009by\\ttab\\nz\"}",
                0, true);
        assertFalse(shown.contains("\u001b[31m"), shown);
        for (char c : new char[] {'\r', '\u0007', '\u202e', '\u009b'}) {
            assertFalse(shown.indexOf(c) >= 0, "raw " + (int) c + " in " + shown);
        }
        assertTrue(shown.contains("a\\e[31mred\\r\\a\\u202e"), shown);
        assertTrue(shown.contains("  x\\x9by\ttab\n  z\n"), shown);
    }
}
