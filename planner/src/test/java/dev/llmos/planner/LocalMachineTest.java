package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link LocalMachine} reads this machine: its unit files, dpkg's status, the user database, programs, zones. */
class LocalMachineTest {
    private final LocalMachine machine = new LocalMachine();

    @Test
    void unitsAreTheUnitFilesOfSystemdsDirectories() throws Exception {
        Path dir = Path.of("/lib/systemd/system");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".service")).findFirst()
                        .ifPresent(unit -> assertTrue(machine.units().contains(unit), unit));
            }
        }
        assertEquals(machine.units().stream().sorted().toList(), machine.units());
        machine.units().forEach(unit -> assertTrue(Lexicon.UNIT_TYPES.contains(unit.substring(unit.lastIndexOf('.') + 1)),
                unit));
    }

    @Test
    void installedPackagesComeFromDpkg() throws Exception {
        String status = Files.readString(Path.of("/var/lib/dpkg/status"));
        assertEquals(status.contains("Package: coreutils\n"), machine.packageInstalled("coreutils"));
        assertFalse(machine.packageInstalled("no-such-package-nl11"));
        assertEquals(Optional.of(false).equals(machine.packageAvailable("no-such-package-nl11")),
                machine.packageAvailable("no-such-package-nl11").isPresent());
    }

    @Test
    void usersProgramsZonesAndDirectories() {
        assertEquals(Optional.of(Path.of("/root")), machine.home("root"));
        assertEquals(Optional.empty(), machine.home("no-such-user-nl11"));
        assertTrue(machine.program("ls"));
        assertFalse(machine.program("no-such-program-nl11"));
        assertEquals(Optional.of("UTC"), machine.zone("utc"));
        assertEquals(Optional.of("Europe/Paris"), machine.zone("europe/paris"));
        assertEquals(Optional.empty(), machine.zone("iso"));
        assertTrue(machine.isDirectory(Path.of("/tmp")));
        assertFalse(machine.isDirectory(Path.of("/etc/passwd")));
    }
}
