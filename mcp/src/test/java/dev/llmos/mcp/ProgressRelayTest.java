package dev.llmos.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressRelayTest {
    @Test
    void progressGrowsWithEveryNotificationWhateverTheDaemonReports() {
        List<JsonNode> fractions = Arrays.asList(DoubleNode.valueOf(0.1), DoubleNode.valueOf(0.1), null,
                DoubleNode.valueOf(0.05), DoubleNode.valueOf(0.9), null, DoubleNode.valueOf(1.0));
        double last = 0;
        for (JsonNode fraction : fractions) {
            double next = ProgressRelay.next(last, fraction);
            assertTrue(next > last, fraction + ": " + next + " after " + last);
            last = next;
        }
    }

    @Test
    void aKnownFractionIsAPercentageAndAnUnknownOneTheNextStep() {
        assertEquals(40.0, ProgressRelay.next(10, DoubleNode.valueOf(0.4)), 1e-9);
        assertEquals(11.0, ProgressRelay.next(10, null), 1e-9);
    }
}
