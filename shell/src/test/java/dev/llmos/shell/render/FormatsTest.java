package dev.llmos.shell.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.support.Sizes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** sizes, durations and times in one style. */
class FormatsTest {
    @Test
    void sizesAreIecInTheActionsStyleAndSizeFieldsAreKnownByName() {
        assertEquals("23.5 GiB", Sizes.iec(25232932864L));
        assertEquals(1, Formats.sizeUnit("rx_bytes"));
        assertEquals(1, Formats.sizeUnit("bytes_read"));
        assertEquals(1024, Formats.sizeUnit("mem_kb"));
        assertEquals(1024 * 1024, Formats.sizeUnit("memory_max_mb"));
        assertEquals(0, Formats.sizeUnit("use_percent"));
    }

    @Test
    void aColumnIsTitledWithoutTheUnitItsCellsShow() {
        assertEquals("size", Formats.unitless("size_bytes"));
        assertEquals("memory_max", Formats.unitless("memory_max_mb"));
        assertEquals("uptime", Formats.unitless("uptime_seconds"));
        assertEquals("duration", Formats.unitless("duration_ms"));
        assertEquals("bytes_read", Formats.unitless("bytes_read"));
        assertEquals("bytes", Formats.unitless("bytes"));
        assertEquals("used_inodes", Formats.unitless("used_inodes"));
        assertEquals("inode_use%", Formats.percentSign("inode_use_percent"));
        assertEquals("percent", Formats.percentSign("percent"));
    }

    @Test
    void durationsAndAges() {
        assertEquals("850 ms", Formats.duration(850));
        assertEquals("12.4 s", Formats.duration(12_400));
        assertEquals("11 min 5 s", Formats.duration(665_000));
        assertEquals("3 h 2 min", Formats.duration(10_920_000));
        assertEquals("2 days 4 h", Formats.duration(52L * 3_600_000));
        assertEquals("just now", Formats.age(Duration.ofMillis(900)));
        assertEquals("40 s ago", Formats.age(Duration.ofSeconds(40)));
        assertEquals("in 4 min", Formats.age(Duration.ofMinutes(-4)));
        assertEquals("3 days ago", Formats.age(Duration.ofDays(3)));
    }

    @Test
    void instantsAreLocalToTheSecondWithTheirAge() {
        Instant now = Instant.parse("2026-12-06T13:20:00Z");
        assertEquals("2026-12-06 14:18:00 (2 min ago)",
                Formats.instant("2026-12-06T13:18:00Z", now, ZoneId.of("Europe/Paris")));
        assertEquals("2026-12-06 13:18:00 (2 min ago)", Formats.instant("2026-12-06T14:18:00+01:00", now, ZoneId.of("UTC")));
        assertTrue(Formats.isInstant("2026-12-06T13:18:00Z"));
        assertFalse(Formats.isInstant("2026-12-06"));
        assertFalse(Formats.isInstant("not a time at all, but long enough"));
    }
}
