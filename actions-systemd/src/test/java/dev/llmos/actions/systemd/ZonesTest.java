package dev.llmos.actions.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llmos.action.ActionException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** time zone names against this machine's real tz database. */
class ZonesTest {
    private static final Path ZONEINFO = Zones.zoneinfo();

    @BeforeAll
    static void tzdata() {
        assumeTrue(Files.isRegularFile(ZONEINFO.resolve("Europe/Paris")), "needs tzdata in /usr/share/zoneinfo");
    }

    @Test
    void installedZonesAndAliasesAreValid() throws Exception {
        assertEquals("Europe/Paris", Zones.resolve(ZONEINFO, "Europe/Paris"));
        assertEquals("UTC", Zones.resolve(ZONEINFO, "UTC"), "an alias (a symlink) is a zone too");
        assertEquals("America/Argentina/Buenos_Aires", Zones.resolve(ZONEINFO, "America/Argentina/Buenos_Aires"));
        assertEquals("Etc/GMT+5", Zones.resolve(ZONEINFO, "Etc/GMT+5"));
    }

    @Test
    void aNameInTheWrongCaseIsTakenInItsInstalledSpelling() throws Exception {
        assertEquals("Europe/Paris", Zones.resolve(ZONEINFO, "europe/paris"));
        assertEquals("America/New_York", Zones.resolve(ZONEINFO, "AMERICA/NEW_YORK"));
    }

    @Test
    void unknownOrHostileNamesAreRefused() {
        assertTrue(refused("Nowhere/Bad").startsWith("unknown time zone: Nowhere/Bad"));
        assertTrue(refused("Europe").startsWith("unknown time zone"), "a directory is not a zone");
        assertTrue(refused("zone.tab").startsWith("invalid time zone name"), "a data file is not a zone");
        assertTrue(refused("../../etc/passwd").startsWith("invalid time zone name"));
        assertTrue(refused("/etc/localtime").startsWith("invalid time zone name"));
        assertTrue(refused("localtime").startsWith("invalid time zone name"), "zoneinfo/localtime is /etc/localtime");
        assertTrue(refused("-u").startsWith("invalid time zone name"));
        assertTrue(refused("Europe/Paris ").startsWith("invalid time zone name"));
        assertFalse(Zones.isZone(ZONEINFO.resolve("tzdata.zi")), "a text file does not start with the tzif magic");
    }

    private static String refused(String name) {
        return assertThrows(ActionException.class, () -> Zones.resolve(ZONEINFO, name)).getMessage();
    }
}
