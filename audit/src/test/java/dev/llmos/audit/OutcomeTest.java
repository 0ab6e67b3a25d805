package dev.llmos.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeTest {
    @Test
    void aRecordsTextIsTheWordAndItsDetail() {
        assertEquals("ok", Outcome.OK.text(null));
        assertEquals("confirmation_required", Outcome.CONFIRMATION_REQUIRED.text(""));
        assertEquals("failed: permission denied: /x", Outcome.FAILED.text("permission denied: /x"));
    }

    @Test
    void theOutcomeIsReadBackFromTheWordBeforeTheDetail() {
        for (Outcome outcome : Outcome.values()) {
            assertEquals(Optional.of(outcome), Outcome.of(outcome.text(null)));
            assertEquals(Optional.of(outcome), Outcome.of(outcome.text("why: it said so")));
        }
        assertEquals(Optional.empty(), Outcome.of("deniedish"));
        assertEquals(Optional.empty(), Outcome.of("OK"));
    }

    @Test
    void onlyRequestsThatRanNothingSaySo() {
        assertTrue(Outcome.of("denied: from a sandbox").orElseThrow().changedNothing());
        assertTrue(Outcome.DRY_RUN.changedNothing() && Outcome.NOTHING_REVOKED.changedNothing()
                && Outcome.CONFIRMATION_REFUSED.changedNothing());
        assertFalse(Outcome.OK.changedNothing() || Outcome.FAILED.changedNothing() || Outcome.CANCELLED.changedNothing());
    }
}
