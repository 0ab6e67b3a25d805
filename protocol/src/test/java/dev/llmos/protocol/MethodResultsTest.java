package dev.llmos.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * the result records write exactly the json docs/protocol.md gives each method: snake_case keys
 * in the documented order, nulls sent as null, root's absent limits left out.
 */
class MethodResultsTest {
    private static final MethodResults.Lease LEASE = new MethodResults.Lease(1001, "input", "2026-12-06T10:00:00Z",
            "2026-12-06T10:05:00Z");
    private static final String LEASE_JSON = "{\"uid\":1001,\"kind\":\"input\",\"granted\":\"2026-12-06T10:00:00Z\","
            + "\"expires\":\"2026-12-06T10:05:00Z\"}";

    private static String json(Object value) {
        return Json.toString(value);
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(String text) throws RpcException {
        return Json.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void pingShowAndLeases() {
        assertEquals("{\"pong\":true}", json(new MethodResults.Pong(true)));
        assertEquals("{\"text\":\"[[rule]]\"}", json(new MethodResults.PolicyText("[[rule]]")));
        assertEquals("{\"leases\":[" + LEASE_JSON + "],\"kinds\":[\"input\",\"screen\"]}",
                json(new MethodResults.LeaseList(List.of(LEASE), new TreeSet<>(Set.of("screen", "input")))));
        assertEquals("{\"revoked\":[]}", json(new MethodResults.LeaseRevoked(List.of())));
    }

    @Test
    void undoListSendsAnUndoneByOfNullAsNull() {
        assertEquals("{\"entries\":[{\"txid\":\"tx-1\",\"action\":\"fs.write\",\"time\":\"t\",\"uid\":0,"
                + "\"undo\":\"fs.write\",\"undone_by\":null}]}", json(new MethodResults.UndoList(List.of(
                        new MethodResults.UndoEntry("tx-1", "fs.write", "t", 0, "fs.write", null)))));
    }

    @Test
    void anActionIsListedWithItsPathRolesInDeclarationOrder() throws RpcException {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("to", "create");
        roles.put("from", "read");
        assertEquals("{\"actions\":[{\"name\":\"fs.copy\",\"description\":\"copies\",\"risk\":\"write\","
                + "\"params_schema\":{\"type\":\"object\"},\"examples\":[\"copy a to b\"],\"path_params\":[\"to\",\"from\"],"
                + "\"path_roles\":{\"to\":\"create\",\"from\":\"read\"},\"sensitive_params\":[]}]}",
                json(new MethodResults.ActionList(List.of(new MethodResults.ActionInfo("fs.copy", "copies", "write",
                        tree("{\"type\":\"object\"}"), List.of("copy a to b"), List.of("to", "from"), roles,
                        List.of())))));
    }

    @Test
    void policyResultsKeepTheirDocumentedKeys() throws RpcException {
        assertEquals("{\"decision\":\"ask\",\"rule\":\"default\",\"reason\":\"writes ask\",\"matched\":[],"
                + "\"run_as\":null,\"capabilities\":[],\"paths\":{},\"explain\":\"the default asks\"}",
                json(new MethodResults.PolicyCheck("ask", "default", "writes ask", tree("[]"), null, Set.of(),
                        tree("{}"), "the default asks")));
        assertEquals("{\"action\":\"fs.write\",\"decision_now\":\"ask\",\"rule_now\":\"default\",\"decision_after\":"
                + "\"allow\",\"rule\":\"[[rule]]\",\"rule_id\":\"allow-fs-write\",\"blocked\":null,\"file\":\"/p.toml\","
                + "\"dropin_dir\":\"/p.d\",\"needs_root\":false,\"reload\":\"systemctl --user reload llm-osd\","
                + "\"paths\":{}}", json(new MethodResults.PolicySuggest("fs.write", "ask", "default", "allow",
                        "[[rule]]", "allow-fs-write", null, "/p.toml", "/p.d", false, "systemctl --user reload llm-osd",
                        tree("{}"))));
    }

    @Test
    void loopTurnAndAuditTail() throws RpcException {
        assertEquals("{\"txid\":\"tx-2\",\"turn\":{\"text\":\"done\"},\"model_ms\":12.5,\"sent_bytes\":300,"
                + "\"backend\":{\"name\":\"local\",\"remote\":false}}", json(new MethodResults.LoopTurn("tx-2",
                        tree("{\"text\":\"done\"}"), 12.5, 300, new MethodResults.LoopTurn.Backend("local", false))));
        assertEquals("{\"records\":[]}", json(new MethodResults.AuditTail(tree("[]"))));
    }

    @Test
    void rootHasNoRunLimitNorAuditBudgets() {
        assertEquals("{\"connections\":{\"used\":1,\"limit\":256},\"runs\":{\"used\":0},\"config\":\"built-in\"}",
                json(new MethodResults.Usage(new MethodResults.Usage.Count(1, 256), new MethodResults.Usage.Count(0,
                        null), null, null, "built-in")));
        assertEquals("{\"connections\":{\"used\":1,\"limit\":8},\"runs\":{\"used\":0,\"limit\":4},\"audit_bytes\":"
                + "{\"remaining\":10,\"limit\":20,\"window_s\":60},\"audit_unconfirmed_bytes\":{\"remaining\":5,"
                + "\"limit\":6,\"window_s\":60},\"config\":\"/etc/llm-os/limits.toml\"}",
                json(new MethodResults.Usage(new MethodResults.Usage.Count(1, 8), new MethodResults.Usage.Count(0, 4),
                        new MethodResults.Usage.Budget(10, 20, 60), new MethodResults.Usage.Budget(5, 6, 60),
                        "/etc/llm-os/limits.toml")));
    }

    @Test
    void statusListsEveryDocumentedKeyInOrder() throws RpcException {
        MethodResults.Status status = new MethodResults.Status("dev", 42, 0, "system", 7, "listen-fds", "/run/s",
                "/var/lib/llm-osd", 1, 30, "v1", tree("{\"uid\":0}"), List.of(Map.of("uid", 1001L)),
                new MethodResults.Usage(new MethodResults.Usage.Count(1, 256), new MethodResults.Usage.Count(0, null),
                        null, null, "built-in"), tree("[]"), tree("{\"hits\":0}"), false, "local-only", null,
                List.of(LEASE));
        assertEquals(List.of("version", "pid", "uid", "mode", "uptime_s", "activation", "socket", "state_dir",
                "connections", "actions", "catalog_version", "caller", "executors", "limits", "backends", "plan_cache",
                "llm_loaded", "privacy", "audit_sealed", "leases"), List.copyOf(Json.toTree(status).properties()
                        .stream().map(Map.Entry::getKey).toList()));
        assertEquals("null", Json.toTree(status).get("audit_sealed").toString());
    }
}
