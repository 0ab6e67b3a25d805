package dev.llmos.actions.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.action.ActionException;
import dev.llmos.action.testkit.TestContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * the stage of a race: a decided directory {@code base/d} where the action is meant to act, and a
 * protected directory {@code base/protected} that an attacker tries to make it act on instead, by
 * changing names between the daemon's resolution and the act ({@link TestContext#betweenResolveAndAct}).
 * {@link #assertProtectedUnchanged} proves nothing landed or changed there.
 */
final class Scene {
    final Path base;
    final Path decided;
    final Path protectedDir;
    final Path quarantine;
    private final List<String> protectedBefore;

    Scene(Path base, Path quarantine) throws IOException {
        this.base = base;
        this.quarantine = quarantine;
        this.decided = Files.createDirectory(base.resolve("d"));
        this.protectedDir = Files.createDirectory(base.resolve("protected"));
        Fixtures.file(protectedDir.resolve("file"), "secret\n", 0640);
        Files.createDirectory(protectedDir.resolve("sub"));
        Fixtures.file(protectedDir.resolve("sub/inner"), "inner secret\n", 0600);
        Fixtures.pastTimes(protectedDir);
        this.protectedBefore = TreeState.of(protectedDir);
    }

    /** a context whose attacker does {@code attack} after resolution and before the act. */
    TestContext racing(IoAction attack) {
        return racingInto(quarantine, attack);
    }

    /** {@link #racing} with another quarantine. */
    static TestContext racingInto(Path quarantine, IoAction attack) {
        return TestContext.withQuarantine(quarantine).betweenResolveAndAct(() -> {
            try {
                attack.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** an attacker's step. */
    @FunctionalInterface
    interface IoAction {
        void run() throws IOException;
    }

    /**
     * renames {@code dir} away (to {@code dir.moved}, where the decided directory now lives) and puts
     * a symlink to {@code target} under its name; returns where the renamed directory is.
     */
    static Path swapForSymlink(Path dir, Path target) throws IOException {
        Path moved = dir.resolveSibling(dir.getFileName() + ".moved");
        Files.move(dir, moved);
        Files.createSymbolicLink(dir, target);
        return moved;
    }

    /** where {@link #swapForSymlink} put {@code dir}. */
    static Path moved(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".moved");
    }

    void assertProtectedUnchanged() throws IOException {
        assertEquals(protectedBefore, TreeState.of(protectedDir), "nothing in the protected directory changed");
    }

    /** no temp file of a write is left anywhere under the base. */
    void assertNoTempFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(base)) {
            List<Path> temps = walk.filter(p -> p.getFileName().toString().startsWith(".llmos-write-")).toList();
            assertEquals(List.of(), temps, "no temp file left");
        }
    }

    /** the action was refused because what it was to act on changed, with the decided path named. */
    static void assertChangedRefusal(ActionException e, Path decidedPath) {
        assertTrue(e.getMessage().startsWith("refused: " + decidedPath + " changed while the action ran"),
                e.getMessage());
        assertFalse(e.getMessage().contains("/proc/self/fd"), e.getMessage());
    }

    void assertQuarantineEmpty() throws IOException {
        assertEquals(List.of(), Fixtures.names(quarantine), "no quarantine item kept");
    }
}
