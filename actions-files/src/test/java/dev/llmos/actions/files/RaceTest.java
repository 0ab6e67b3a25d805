package dev.llmos.actions.files;

import dev.llmos.action.testkit.Harness;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** what every race test has: a {@link Scene} in a temp directory, a quarantine, and a harness on it. */
abstract class RaceTest {
    @TempDir
    Path base;
    @TempDir
    Path quarantine;
    Scene scene;
    Harness harness;

    @BeforeEach
    void setUpScene() throws Exception {
        scene = new Scene(base, quarantine);
        harness = Harness.withQuarantine(quarantine);
    }
}
