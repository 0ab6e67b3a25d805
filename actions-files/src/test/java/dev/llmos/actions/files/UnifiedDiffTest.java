package dev.llmos.actions.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnifiedDiffTest {
    @TempDir
    Path dir;

    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", UnifiedDiff.of("a", "same\n", "b", "same\n"));
    }

    @Test
    void aMissingFinalNewlineIsMarked() {
        assertEquals("--- a\n+++ b\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n",
                UnifiedDiff.of("a", "x", "b", "x\n"));
    }

    @Test
    void aHugeDiffIsCut() {
        String old = numbers(0, 40_000, "a");
        String diff = UnifiedDiff.of("a", old, "b", numbers(0, 40_000, "b"));
        assertTrue(diff.length() <= UnifiedDiff.MAX_CHARS + 40, "length " + diff.length());
        assertTrue(diff.endsWith("... (diff truncated)\n"));
    }

    /** each case compared with gnu diff -u, line numbers and context included. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 | 1 2 3 x 5 6 7 8 9 10 11 12 13 14 15 16 y 18 19 20",
        "1 2 3 4 5 6 7 8 9 10                                 | 1 2 3 4 x 6 7 8 9 10",
        "1 2 3                                                | 0 1 2 3 4",
        "a b c d e f g h i j k l m n o p                      | a b c d e f g h i j k l m n o p q",
        "a b c                                                | ''",
        "''                                                   | a b",
        "k1 k2 k3 k4 k5 k6 k7 k8 k9                           | k1 k2 n3 k4 k5 k6 k7 k8 n9",
        "x y z                                                | p q r",
    })
    void matchesGnuDiff(String before, String after) throws Exception {
        String old = lines(before);
        String now = lines(after);
        assertEquals(gnuDiff(old, now), UnifiedDiff.of("a", old, "b", now));
    }

    private String gnuDiff(String old, String now) throws IOException, InterruptedException {
        Path a = Files.writeString(dir.resolve("a"), old);
        Path b = Files.writeString(dir.resolve("b"), now);
        Process diff;
        try {
            diff = new ProcessBuilder("diff", "-u", "--label", "a", "--label", "b", a.toString(), b.toString()).start();
        } catch (IOException e) {
            Assumptions.abort("gnu diff is not installed");
            throw e;
        }
        String out = new String(diff.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        diff.waitFor();
        return out;
    }

    private static String lines(String words) {
        return words.isBlank() ? "" : String.join("\n", words.strip().split(" +")) + "\n";
    }

    private static String numbers(int from, int to, String suffix) {
        return IntStream.range(from, to).mapToObj(i -> i + suffix).collect(Collectors.joining("\n", "", "\n"));
    }
}
