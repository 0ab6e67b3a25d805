package dev.llmos.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanResultTest {
    private static final JsonNode OUTPUT = Json.MAPPER.createObjectNode().put("path", "/tmp/a");

    @Test
    void eachEndingCarriesOnlyItsOwnFieldsOnTheWire() {
        PlanResult result = new PlanResult(List.of(
                PlanResult.Step.ran(0, new ActionResult("tx1", "fs.write", StepStatus.OK, OUTPUT, new ActionResult.Undo(true))),
                PlanResult.Step.failed(1, "fs.delete", new RpcError(ErrorCodes.ACTION_FAILED, "permission denied: /x", null)),
                PlanResult.Step.skipped(2, "fs.list", null),
                PlanResult.Step.skipped(3, "fs.list", PlanResult.CANCELLED),
                PlanResult.Step.dryRun(4, "fs.mkdir", OUTPUT)));
        assertEquals("{\"results\":["
                + "{\"step\":0,\"action\":\"fs.write\",\"status\":\"ok\",\"txid\":\"tx1\",\"output\":{\"path\":\"/tmp/a\"},"
                + "\"undo\":{\"available\":true}},"
                + "{\"step\":1,\"action\":\"fs.delete\",\"status\":\"failed\",\"error\":{\"code\":" + ErrorCodes.ACTION_FAILED
                + ",\"message\":\"permission denied: /x\"}},"
                + "{\"step\":2,\"action\":\"fs.list\",\"status\":\"skipped\"},"
                + "{\"step\":3,\"action\":\"fs.list\",\"status\":\"skipped\",\"reason\":\"cancelled\"},"
                + "{\"step\":4,\"action\":\"fs.mkdir\",\"status\":\"dry_run\",\"output\":{\"path\":\"/tmp/a\"}}]}",
                Json.toTree(result).toString());
    }

    @Test
    void theWireFormReadsBackAsTheSameRecord() throws Exception {
        PlanResult result = new PlanResult(List.of(
                PlanResult.Step.ran(0, new ActionResult("tx1", "fs.write", StepStatus.OK, OUTPUT, null)),
                PlanResult.Step.skipped(1, "fs.list", PlanResult.CANCELLED)));
        assertEquals(result, Json.MAPPER.treeToValue(Json.toTree(result), PlanResult.class));
    }

    @Test
    void aStatusOutsideTheFourIsRefused() {
        JsonNode wire = Json.toTree(new PlanResult(List.of(PlanResult.Step.skipped(0, "fs.list", null))));
        ((ObjectNode) wire.get("results").get(0)).put("status", "done");
        assertThrows(IllegalArgumentException.class, () -> Json.MAPPER.convertValue(wire, PlanResult.class));
    }
}
