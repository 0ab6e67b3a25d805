package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TxIdsTest {
    @Test
    void idsAreUniqueAndOrderedEvenWhenTheClockStandsStillOrGoesBack() {
        Instant[] now = {Instant.parse("2026-11-25T10:00:00Z")};
        TxIds ids = new TxIds(() -> now[0]);
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 1000; i++) {
            if (i == 500) {
                now[0] = now[0].minusSeconds(60);
            }
            String id = ids.next();
            assertTrue(seen.add(id), id);
            assertTrue(id.compareTo(previous) > 0, id + " after " + previous);
            previous = id;
        }
        assertEquals("tx-01a21225d900-0000", new TxIds(InstantSource.fixed(Instant.parse("2026-11-25T10:00:00Z"))).next());
    }

    @Test
    void theMillisecondsAreTwelveHexDigitsAndTheCounterFourZeroPadded() {
        assertEquals("tx-000000000000-0001", new TxIds(InstantSource.fixed(Instant.EPOCH)).next(), "the counter starts past 0");
        Instant at = Instant.parse("2026-12-06T23:10:00.123Z");
        assertEquals(String.format("tx-%012x-%04x", at.toEpochMilli(), 0), new TxIds(InstantSource.fixed(at)).next());
    }
}
