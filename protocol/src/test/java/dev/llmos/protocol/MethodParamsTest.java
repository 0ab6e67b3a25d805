package dev.llmos.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class MethodParamsTest {
    private static final ObjectNode PARAMS = Json.MAPPER.createObjectNode().put("path", "/tmp/a");

    @Test
    void executeBuiltWithoutTheMapperIsWhatTheMapperWrites() {
        for (MethodParams.Execute execute : List.of(new MethodParams.Execute("fs.list", PARAMS, null, null),
                new MethodParams.Execute("fs.write", PARAMS, Boolean.TRUE, null),
                new MethodParams.Execute("fs.write", PARAMS, Boolean.FALSE, "tok-1"))) {
            assertEquals(Json.MAPPER.valueToTree(execute), execute.toTree());
        }
        assertEquals("{\"action\":\"fs.write\",\"params\":{\"path\":\"/tmp/a\"},\"dry_run\":true}",
                new MethodParams.Execute("fs.write", PARAMS, Boolean.TRUE, null).toTree().toString());
    }

    @Test
    void undoBuiltWithoutTheMapperIsWhatTheMapperWrites() {
        for (MethodParams.Undo undo : List.of(new MethodParams.Undo("tx-1", null, null),
                new MethodParams.Undo("tx-1", Boolean.TRUE, null), new MethodParams.Undo("tx-1", null, "tok-2"))) {
            assertEquals(Json.MAPPER.valueToTree(undo), undo.toTree());
        }
    }

    @Test
    void planRequestsBuiltWithoutTheMapperAreWhatTheMapperWrites() {
        MethodParams.PlanCreate create = new MethodParams.PlanCreate("list /tmp", "/home/alice", "tok-3");
        assertEquals(Json.MAPPER.valueToTree(create), create.toTree());
        assertEquals("{\"text\":\"list /tmp\"}", new MethodParams.PlanCreate("list /tmp", null, null).toTree().toString());
        ObjectNode plan = Json.MAPPER.createObjectNode().put("version", 1);
        MethodParams.PlanExecute execute = new MethodParams.PlanExecute(plan, Boolean.TRUE, "tok-4");
        assertEquals(Json.MAPPER.valueToTree(execute), execute.toTree());
        assertEquals("{\"plan\":{\"version\":1}}", new MethodParams.PlanExecute(plan, null, null).toTree().toString());
    }
}
