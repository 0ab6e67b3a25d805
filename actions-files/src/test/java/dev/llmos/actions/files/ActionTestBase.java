package dev.llmos.actions.files;

import dev.llmos.action.testkit.Harness;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** what the tests of each file action start from: a scratch directory, a quarantine and a harness using it. */
abstract class ActionTestBase {
    @TempDir
    Path dir;
    @TempDir
    Path quarantine;
    Harness harness;

    @BeforeEach
    void harness() {
        harness = Harness.withQuarantine(quarantine);
    }
}
