package dev.llmos.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.protocol.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BudgetTest {
    private static final Budget BUDGET = new Budget(3, 1000, 100, 60, 2048, 1024);

    private static Turn readTurn(int calls, long in, long out, long shown) {
        List<Call> list = new java.util.ArrayList<>();
        List<Result> results = new java.util.ArrayList<>();
        for (int i = 0; i < calls; i++) {
            list.add(new Call("s" + (i + 1), "fs.list", Json.MAPPER.createObjectNode(), "read"));
            results.add(new Result("s" + (i + 1), Result.Status.OK, Json.MAPPER.createObjectNode(), null, shown, shown));
        }
        return new Turn("llm:local:m", new Usage(in, out), 0, "", list, results, Turn.Decision.NONE);
    }

    @Test
    void spendIsSummedOverTurns() {
        Spend spend = Spend.of(List.of(readTurn(2, 100, 10, 50), readTurn(1, 200, 20, 70)));
        assertEquals(new Spend(3, 300, 30, 170), spend);
    }

    @Test
    void eachLimitIsReportedWithWhatWasUsed() {
        assertEquals(Optional.empty(), BUDGET.check(new Spend(2, 999, 99, 0), Duration.ofSeconds(59)));
        assertEquals(Budget.Limit.STEPS, BUDGET.check(new Spend(3, 0, 0, 0), Duration.ZERO).orElseThrow().limit());
        assertEquals(Budget.Limit.TOKENS_IN, BUDGET.check(new Spend(0, 1000, 0, 0), Duration.ZERO).orElseThrow().limit());
        assertEquals(Budget.Limit.TOKENS_OUT, BUDGET.check(new Spend(0, 0, 100, 0), Duration.ZERO).orElseThrow().limit());
        assertEquals(Budget.Limit.WALL_TIME, BUDGET.check(new Spend(0, 0, 0, 0), Duration.ofSeconds(60)).orElseThrow().limit());
        Budget.Exceeded bytes = BUDGET.check(new Spend(0, 0, 0, 1900), Duration.ZERO).orElseThrow();
        assertEquals(Budget.Limit.OUTPUT_BYTES, bytes.limit());
        assertEquals("the budget of 2048 bytes of action output is used up (1900 used)", bytes.message());
    }

    @Test
    void theNextOutputGetsItsOwnCapOrWhatIsLeft() {
        assertEquals(1024, BUDGET.nextStepBytes(new Spend(0, 0, 0, 0)));
        assertEquals(548, BUDGET.nextStepBytes(new Spend(0, 0, 0, 1500)));
        assertEquals(1, BUDGET.stepsLeft(new Spend(2, 0, 0, 0)));
        assertEquals(0, BUDGET.stepsLeft(new Spend(7, 0, 0, 0)));
    }

    @Test
    void nonsenseBudgetsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Budget(0, 1, 1, 1, 256, 256));
        assertThrows(IllegalArgumentException.class, () -> new Budget(1, 1, 1, 1, 10, 256));
    }

    @Test
    void stepIdsContinueAcrossTurns() {
        Transcript transcript = Transcript.start("x", null, BUDGET).with(readTurn(2, 0, 0, 0));
        assertEquals("s3", transcript.nextStepId(0));
        assertEquals("s4", transcript.nextStepId(1));
        assertTrue(Citations.of("see [s3] and [s1, s2] and [s3]; not s9 or [x1]").equals(List.of("s3", "s1", "s2")));
    }
}
