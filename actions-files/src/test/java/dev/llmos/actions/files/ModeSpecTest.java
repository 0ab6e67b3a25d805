package dev.llmos.actions.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ModeSpec} against chmod(1) itself, run under umask 022 on files and directories of many modes. */
class ModeSpecTest {
    private static final int[] OLD_MODES = {0000, 0600, 0644, 0640, 0700, 0711, 0755, 0777, 0111, 0020, 02755,
        04755, 01777, 06750, 0444};

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"+x", "u+x", "a+x", "go-rwx", "u=rwx,go=r", "a-w", "a=", "=", "o=", "o=g", "u=g",
        "g=u-w", "a+rX", "go+rX", "+X", "u+s", "g+s", "+s", "+t", "o+t", "u-s,g-s", "ug=rw,o=", "a=r", "u+rw",
        "g-x", "a+rx", "go+w", "o-rwx", "=rw", "-w", "u+x-w", "a+", "u=rwx,g=rx,o=", "g+w,o+w", "ugo+r",
        "u=x,g=w,o=r", "o+g", "u-g"})
    void everyOldModeGetsWhatChmodGives(String spec) throws Exception {
        List<Path> entries = new ArrayList<>();
        for (int old : OLD_MODES) {
            Path file = Files.createFile(dir.resolve("f" + Integer.toOctalString(old)));
            Path directory = Files.createDirectory(dir.resolve("d" + Integer.toOctalString(old)));
            entries.add(file);
            entries.add(directory);
        }
        for (int i = 0; i < OLD_MODES.length; i++) {
            Files.setAttribute(entries.get(2 * i), "unix:mode", OLD_MODES[i]);
            Files.setAttribute(entries.get(2 * i + 1), "unix:mode", OLD_MODES[i]);
        }
        chmod(spec, entries);
        ModeSpec mode = ModeSpec.parse(spec);
        for (int i = 0; i < OLD_MODES.length; i++) {
            for (int k = 0; k < 2; k++) {
                Path entry = entries.get(2 * i + k);
                assertEquals(Integer.toOctalString(mode(entry)),
                        Integer.toOctalString(mode.apply(OLD_MODES[i], k == 1)),
                        spec + " on " + (k == 1 ? "a directory" : "a file") + " of mode "
                                + Integer.toOctalString(OLD_MODES[i]));
            }
        }
    }

    @Test
    void octalReplacesTheModeWhateverItWas() {
        ModeSpec mode = ModeSpec.parse("0750");
        assertTrue(mode.absolute());
        assertEquals(0750, mode.apply(04777, false));
        assertEquals(0750, mode.apply(02755, true));
        assertEquals(04755, ModeSpec.parse("4755").apply(0, false));
        assertFalse(ModeSpec.parse("u+x").absolute());
    }

    @Test
    void theUmaskLimitsOnlyClausesWithoutAClass() {
        assertEquals(0700, ModeSpec.parse("+rwx").apply(0, false, 077));
        assertEquals(0777, ModeSpec.parse("a+rwx").apply(0, false, 077));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "rwx", "u+q", "9", "+x,", ",+x", "u+x go-w", "77777", "u+rw x"})
    void whatChmodRefusesIsNotAMode(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModeSpec.parse(text));
        assertTrue(e.getMessage().startsWith("not a mode: "), e.getMessage());
    }

    /** chmod(1) on every entry, under umask 022; the spec and paths are argv, never shell text. */
    private static void chmod(String spec, List<Path> entries) throws Exception {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "umask 022 && exec chmod \"$@\"", "sh", "--", spec));
        entries.forEach(entry -> argv.add(entry.toString()));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), "chmod " + spec + ": " + output);
    }

    private static int mode(Path path) throws Exception {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
