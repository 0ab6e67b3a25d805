package dev.llmos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** the repl's history file: where it lives and who may read it. */
class HistoryTest {
    @Test
    void xdgStateHomeFirstThenHome() {
        assertEquals(Path.of("/s/llmsh/history"), History.location(Map.of("XDG_STATE_HOME", "/s", "HOME", "/h")));
        assertEquals(Path.of("/h/.local/state/llmsh/history"), History.location(Map.of("HOME", "/h")));
        assertEquals(Path.of("/h/.local/state/llmsh/history"), History.location(Map.of("XDG_STATE_HOME", "rel", "HOME", "/h")));
    }

    @Test
    void theFileIsTheOwnersOnlyEvenWhenItWasNot(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state/llmsh/history");
        History history = new History(file);
        history.append("do sys.info");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        history.append("status");
        history.append("two\nlines");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(List.of("do sys.info", "status"), history.load());
    }

    @Test
    void loadingKeepsTheNewestAndTrimsALongFile(@TempDir Path dir) throws Exception {
        History history = new History(dir.resolve("h/history"));
        for (int i = 0; i < 2 * History.KEEP + 5; i++) {
            history.append("line " + i);
        }
        List<String> kept = history.load();
        assertEquals(History.KEEP, kept.size());
        assertEquals("line " + (2 * History.KEEP + 4), kept.getLast());
        assertEquals(History.KEEP, Files.readAllLines(dir.resolve("h/history")).size());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("h/history"))));
    }
}
