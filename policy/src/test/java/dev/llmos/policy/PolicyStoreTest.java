package dev.llmos.policy;

import static dev.llmos.action.Risk.WRITE;
import static dev.llmos.policy.Inputs.BOB;
import static dev.llmos.policy.Inputs.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** loading from files, drop-in order, refusal of unsafe files, and reload keeping the last good policy. */
class PolicyStoreTest {
    @TempDir
    Path dir;

    private static String rule(String id, String decision) {
        return "[[rule]]\nid = \"" + id + "\"\ndecision = \"" + decision + "\"\nreason = \"" + id + " says "
                + decision + "\"\nactions = [\"fs.write\"]\n";
    }

    private String decide(PolicyStore store) {
        return store.current().evaluate(input(BOB, "fs.write", WRITE, null, "path=/home/bob/x")).rule();
    }

    @Test
    void loadsTheFileThenDropInsSortedByName() throws Exception {
        Path file = Files.writeString(dir.resolve("policy.toml"), rule("main", "allow"));
        Path dropIns = Files.createDirectory(dir.resolve("policy.d"));
        Files.writeString(dropIns.resolve("20-b.toml"), rule("b", "allow"));
        Files.writeString(dropIns.resolve("10-a.toml"), rule("a", "allow"));
        Files.writeString(dropIns.resolve(".hidden.toml"), "not toml at all [");
        Files.writeString(dropIns.resolve("notes.txt"), "ignored");
        Policy policy = PolicyStore.open(file, dropIns).current();
        Evaluation evaluation = policy.evaluate(input(BOB, "fs.write", WRITE, null, "path=/home/bob/x"));
        assertEquals("main,a,b", String.join(",", evaluation.matched().stream().map(RuleMatch::rule).toList()));
        assertEquals("# sources: " + file + ", " + dropIns.resolve("10-a.toml") + ", " + dropIns.resolve("20-b.toml"),
                policy.show().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void missingFilesMeanBuiltInsOnly() throws Exception {
        PolicyStore store = PolicyStore.open(dir.resolve("absent.toml"), dir.resolve("absent.d"));
        assertEquals("builtin.write", decide(store));
    }

    @Test
    void reloadKeepsTheLastGoodPolicy() throws Exception {
        Path file = Files.writeString(dir.resolve("policy.toml"), rule("first", "allow"));
        PolicyStore store = PolicyStore.open(file, dir.resolve("policy.d"));
        Policy good = store.current();
        assertEquals("first", decide(store));

        Files.writeString(file, rule("second", "allow") + "oops = \n");
        PolicyException e = assertThrows(PolicyException.class, store::reload);
        assertEquals(file.toString(), e.file());
        assertEquals(6, e.line());
        assertSame(good, store.current());
        assertEquals("first", decide(store));

        Files.writeString(file, rule("second", "deny"));
        assertEquals("second", store.reload().evaluate(input(BOB, "fs.write", WRITE, null, "path=/home/bob/x")).rule());
        assertEquals("second", decide(store));
    }

    @Test
    void refusesAPolicyOthersCanWrite() throws IOException {
        Path file = Files.writeString(dir.resolve("policy.toml"), rule("r", "allow"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyStore.open(file, dir.resolve("none")));
        assertEquals(file + ": is writable by group or others (rw-rw-r--); policy must be writable only by its owner",
                e.getMessage());
    }

    @Test
    void refusesADropInDirectoryOthersCanWrite() throws IOException {
        Path dropIns = Files.createDirectory(dir.resolve("policy.d"));
        Files.setPosixFilePermissions(dropIns, PosixFilePermissions.fromString("rwxrwxrwx"));
        PolicyException e = assertThrows(PolicyException.class,
                () -> PolicyStore.open(dir.resolve("none.toml"), dropIns));
        assertEquals(dropIns + ": is writable by group or others (rwxrwxrwx); policy must be writable only by its owner",
                e.getMessage());
    }

    @Test
    void refusesInvalidUtf8() throws IOException {
        Path file = Files.write(dir.resolve("policy.toml"), new byte[] {'#', (byte) 0xff, '\n'});
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyStore.open(file, dir.resolve("none")));
        assertEquals(file + ": not valid utf-8", e.getMessage());
    }

    @Test
    void refusesADirectoryAsTheFile() throws IOException {
        Path file = Files.createDirectory(dir.resolve("policy.toml"));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyStore.open(file, dir.resolve("none")));
        assertEquals(file + ": not a regular file", e.getMessage());
    }

    @Test
    void readsUtf8Text() throws Exception {
        Path file = Files.write(dir.resolve("policy.toml"),
                rule("accents", "deny").replace("says", "dit café").getBytes(StandardCharsets.UTF_8));
        assertEquals("accents", decide(PolicyStore.open(file, dir.resolve("none"))));
    }
}
