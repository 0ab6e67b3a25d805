package dev.llmos.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class LexicalPathsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /                          | /
            /etc/passwd                | /etc/passwd
            //etc//passwd              | /etc/passwd
            ///                        | /
            /etc/./passwd              | /etc/passwd
            /./etc/.                   | /etc
            /home/bob/                 | /home/bob
            /home/bob/.ssh             | /home/bob/.ssh
            /home/bob/.config/.x       | /home/bob/.config/.x
            /home/bob/file.txt         | /home/bob/file.txt
            /home/bob/a..b             | /home/bob/a..b
            /home/bob/café             | /home/bob/café
            /home/bob/日本語            | /home/bob/日本語
            /home/bob/😀               | /home/bob/😀
            """)
    void normalizes(String raw, String expected) {
        assertEquals(Path.of(expected), LexicalPaths.check(raw));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("", "the path is empty", -1),
                Arguments.of("etc/passwd", "the path is relative; give an absolute path starting with /", 0),
                Arguments.of("./etc", "the path is relative; give an absolute path starting with /", 0),
                Arguments.of("~/x", "the path is relative; give an absolute path starting with /", 0),
                Arguments.of("/etc/passwd\0", "the path contains a nul character", 11),
                Arguments.of("/etc/\npasswd", "the path contains the control character U+000A", 5),
                Arguments.of("/tmp/\u0085x", "the path contains the control character U+0085", 5),
                Arguments.of("/home/bob/../../etc/passwd", "'..' is not allowed; give the path without it", 10),
                Arguments.of("/..", "'..' is not allowed; give the path without it", 1),
                Arguments.of("/etc/..", "'..' is not allowed; give the path without it", 5),
                Arguments.of("/etc/passwd.", "the name 'passwd.' ends with a dot, which reads as a different name", 11),
                Arguments.of("/etc/passwd..", "the name 'passwd..' ends with a dot, which reads as a different name",
                        12),
                Arguments.of("/home/.../x", "the name '...' ends with a dot, which reads as a different name", 8),
                Arguments.of("/etc/passwd /", "the name 'passwd ' ends with a space, which reads as a different name",
                        11),
                Arguments.of("/etc\u2215passwd", "the path contains U+2215, a look-alike of a slash or backslash", 4),
                Arguments.of("/etc\uff0fpasswd", "the path contains U+FF0F, a look-alike of a slash or backslash", 4),
                Arguments.of("/etc\u2044passwd", "the path contains U+2044, a look-alike of a slash or backslash", 4),
                Arguments.of("/etc\u29f8passwd", "the path contains U+29F8, a look-alike of a slash or backslash", 4),
                Arguments.of("/etc\uff3cpasswd", "the path contains U+FF3C, a look-alike of a slash or backslash", 4),
                Arguments.of("/home/bob/\u2024\u2024/x", "the path contains U+2024, a look-alike of a dot", 10),
                Arguments.of("/home/bob/\uff0e\uff0e/x", "the path contains U+FF0E, a look-alike of a dot", 10),
                Arguments.of("/home/bob/\ufe52ssh", "the path contains U+FE52, a look-alike of a dot", 10),
                Arguments.of("/home/bob/x\u202etxt.exe",
                        "the path contains U+202E, an invisible or direction-changing character", 11),
                Arguments.of("/etc/pass\u200bwd", "the path contains U+200B, an invisible or direction-changing character",
                        9),
                Arguments.of("/home/bob/\ud800x", "the path contains a broken utf-16 surrogate", 10),
                Arguments.of("/home/bob/\udc00x", "the path contains a broken utf-16 surrogate", 10),
                Arguments.of("/home/bob/cafe\u0301", "the path is not in unicode normalization form c (nfc)", -1),
                Arguments.of("/home/bob/\u212b", "the path is not in unicode normalization form c (nfc)", -1));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rejected")
    void rejects(String raw, String reason, int index) {
        InvalidPathException e = assertThrows(InvalidPathException.class, () -> LexicalPaths.check(raw));
        assertEquals(reason, e.getReason());
        assertEquals(index, e.getIndex());
    }

    static Stream<Arguments> controlCharacters() {
        return Stream.of(Arguments.of("/etc/passwd\0", "/etc/passwdU+0000"), Arguments.of("/a\nb", "/aU+000Ab"));
    }

    @ParameterizedTest
    @MethodSource("controlCharacters")
    void messagesShowControlCharactersAsCodePoints(String raw, String shown) {
        InvalidPathException e = assertThrows(InvalidPathException.class, () -> LexicalPaths.check(raw));
        assertEquals(shown, e.getInput());
    }
}
