package dev.llmos.actions.system.fs;

import dev.llmos.action.testkit.TestContext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsReadActionTest {
    private final FsReadAction action = new FsReadAction();

    @TempDir
    Path dir;

    private FsReadAction.Content read(Path path, long offset, int maxBytes) throws ActionException {
        return (FsReadAction.Content) TestContext.readOnly().execute(action,
                new FsReadAction.Params(path.toString(), offset, maxBytes));
    }

    @Test
    void readsTextAsUtf8() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "héllo wörld\n");
        FsReadAction.Content content = read(file, 0, 65536);
        assertEquals(new FsReadAction.Content(file.toString(), 14, 0, 14, true, "utf-8", "héllo wörld\n"), content);
    }

    @Test
    void readsBinaryAsBase64() throws Exception {
        byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        Path file = Files.write(dir.resolve("image.png"), bytes);
        FsReadAction.Content content = read(file, 0, 65536);
        assertEquals("base64", content.encoding());
        assertArrayEquals(bytes, Base64.getDecoder().decode(content.content()));
        assertEquals(8, content.bytesRead());
        assertTrue(content.eof());
    }

    @Test
    void nulBytesMakeValidUtf8Binary() throws Exception {
        Path file = Files.write(dir.resolve("zeros"), new byte[] {'a', 0, 'b'});
        assertEquals("base64", read(file, 0, 100).encoding());
    }

    @Test
    void pagesThroughAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("abc"), "abcdef");
        FsReadAction.Content middle = read(file, 2, 3);
        assertEquals("cde", middle.content());
        assertEquals(3, middle.bytesRead());
        assertEquals(2, middle.offset());
        assertFalse(middle.eof());
        FsReadAction.Content end = read(file, 5, 3);
        assertEquals("f", end.content());
        assertTrue(end.eof());
        FsReadAction.Content exact = read(file, 3, 3);
        assertEquals("def", exact.content());
        assertTrue(exact.eof());
        FsReadAction.Content past = read(file, 100, 3);
        assertEquals(0, past.bytesRead());
        assertEquals("", past.content());
        assertTrue(past.eof());
    }

    @Test
    void aCharacterCutByTheWindowIsLeftForTheNextRead() throws Exception {
        Path file = Files.writeString(dir.resolve("euro"), "ab€c");
        FsReadAction.Content first = read(file, 0, 3);
        assertEquals(new FsReadAction.Content(file.toString(), 6, 0, 2, false, "utf-8", "ab"), first);
        FsReadAction.Content rest = read(file, 2, 10);
        assertEquals("€c", rest.content());
        assertTrue(rest.eof());
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        FsReadAction.Content lone = read(file, 2, 1);
        assertEquals("base64", lone.encoding());
        assertArrayEquals(new byte[] {euro[0]}, Base64.getDecoder().decode(lone.content()));
        assertFalse(lone.eof());
    }

    @Test
    void readsProcFilesWhoseSizeIsZero() throws Exception {
        FsReadAction.Content status = read(Path.of("/proc/self/status"), 0, 65536);
        assertEquals(0, status.size());
        assertTrue(status.content().startsWith("Name:"), status.content());
        assertTrue(status.eof());
    }

    @Test
    void refusesDirectoriesAndDevices() {
        ActionException directory = assertThrows(ActionException.class, () -> read(dir, 0, 10));
        assertEquals("is a directory: " + dir, directory.getMessage());
        ActionException device = assertThrows(ActionException.class, () -> read(Path.of("/dev/zero"), 0, 10));
        assertEquals("not a regular file (device, fifo or socket): /dev/zero", device.getMessage());
        ActionException missing = assertThrows(ActionException.class, () -> read(dir.resolve("x"), 0, 10));
        assertEquals("no such file or directory: " + dir.resolve("x"), missing.getMessage());
    }

    @Test
    void readsTheLastLinesOfAFileBiggerThanTheWindow() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 5000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("big.log"), text);
        FsReadAction.Content tail = TestContext.readOnly().execute(action, new FsReadAction.Params(file.toString(), 0L, 65536, null, 3));
        assertEquals("line 4998\nline 4999\nline 5000\n", tail.content());
        assertEquals(Files.size(file) - tail.bytesRead(), tail.offset());
        assertTrue(tail.eof());
    }

    @Test
    void readsTheFirstLines() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "one\ntwo\nthree\n");
        FsReadAction.Content head = TestContext.readOnly().execute(action, new FsReadAction.Params(file.toString(), 0L, 65536, 2, null));
        assertEquals("one\ntwo\n", head.content());
        assertFalse(head.eof());
        FsReadAction.Content all = TestContext.readOnly().execute(action, new FsReadAction.Params(file.toString(), 0L, 65536, 9, null));
        assertEquals("one\ntwo\nthree\n", all.content());
        assertTrue(all.eof());
    }

    @Test
    void firstAndLastLinesTogetherAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "one\n");
        ActionException e = assertThrows(ActionException.class, () -> TestContext.readOnly().execute(action,
                new FsReadAction.Params(file.toString(), 0L, 65536, 1, 1)));
        assertEquals("give first_lines or last_lines, not both", e.getMessage());
    }
}
