package dev.llmos.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.llmos.action.Action;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PlanSchemaTest {
    private static final ActionCatalog CATALOG = TestActions.withSystem();
    private static final JsonSchema VALIDATOR = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(PlanSchema.of(CATALOG));

    private static Set<ValidationMessage> validate(String plan) throws RpcException {
        return VALIDATOR.validate(Json.parse(plan.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hasOneClosedBranchPerAction() {
        ObjectNode schema = PlanSchema.of(CATALOG);
        JsonNode branches = schema.at("/properties/steps/items/anyOf");
        assertEquals(CATALOG.entries().size(), branches.size());
        Set<String> names = new TreeSet<>();
        for (JsonNode branch : branches) {
            assertFalse(branch.path("additionalProperties").asBoolean(true), branch.toString());
            assertEquals(1, branch.at("/properties/action/enum").size());
            names.add(branch.at("/properties/action/enum/0").asText());
            assertFalse(branch.at("/properties/params/additionalProperties").asBoolean(true));
        }
        assertEquals(new TreeSet<>(CATALOG.entries().stream().map(e -> e.name()).toList()), names);
        assertFalse(schema.path("additionalProperties").asBoolean(true));
        assertEquals(CATALOG.entries().size(), PlanSchema.actionName(CATALOG).path("enum").size());
    }

    @Test
    void boundsEveryStringAndArray() {
        List<String> unbounded = new ArrayList<>();
        walk(PlanSchema.of(CATALOG), "", unbounded);
        assertEquals(List.of(), unbounded);
    }

    private static void walk(JsonNode node, String at, List<String> unbounded) {
        if (node.isObject()) {
            String type = node.path("type").asText();
            if (type.equals("string") && !node.has("maxLength") && !node.has("enum") && !node.has("const")) {
                unbounded.add(at);
            }
            if (type.equals("array") && !node.has("maxItems")) {
                unbounded.add(at);
            }
            node.properties().forEach(field -> walk(field.getValue(), at + "/" + field.getKey(), unbounded));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, unbounded);
            }
        }
    }

    @Test
    void acceptsAPlanTheRouterWouldMake() throws RpcException {
        assertEquals(Set.of(), validate("""
                {"version":1,"request":"list /tmp","planner":"router","steps":[
                  {"action":"fs.list","params":{"path":"/tmp","hidden":false,"limit":200,"offset":0},"why":"listing"},
                  {"action":"service.restart","params":{"unit":"nginx.service"}}]}"""));
    }

    @Test
    void rejectsWhatNoActionAllows() throws RpcException {
        assertFalse(validate("""
                {"version":1,"request":"x","planner":"llm:test","steps":[{"action":"fs.nuke","params":{}}]}""").isEmpty());
        assertFalse(validate("""
                {"version":1,"request":"x","planner":"llm:test","steps":[{"action":"fs.list","params":{"path":"/","force":true}}]}""").isEmpty());
        assertFalse(validate("""
                {"version":1,"request":"x","planner":"llm:test","steps":[{"action":"fs.list","params":{"path":"/"},"extra":1}]}""").isEmpty());
        assertFalse(validate("""
                {"version":1,"request":"x","planner":"llm:test","steps":[]}""").isEmpty());
        assertFalse(validate("""
                {"version":2,"request":"x","planner":"llm:test","steps":[{"action":"sys.info","params":{}}]}""").isEmpty());
    }

    @Test
    void placesTheDefinitionsOfNestedParams() throws RpcException {
        ActionCatalog catalog = ActionCatalog.of(List.<Action<?>>of(TestActions.INPUT_DRAG));
        ObjectNode schema = PlanSchema.of(catalog);
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        String good = """
                {"version":1,"request":"drag","planner":"router","steps":[
                  {"action":"input.drag","params":{"from":{"x":1,"y":2},"to":{"x":3,"y":4}}}]}""";
        String bad = good.replace("\"y\":4", "\"y\":\"four\"");
        assertEquals(Set.of(), validator.validate(Json.parse(good.getBytes(StandardCharsets.UTF_8))));
        assertFalse(validator.validate(Json.parse(bad.getBytes(StandardCharsets.UTF_8))).isEmpty());
        assertTrue(PlanSchema.step(catalog.find("input.drag")).toString().contains("input.drag."), schema.toString());
    }

    @Test
    void aProposalCapsEveryStringArrayAndTheStepsSoDecodingClosesWithinItsBudget() {
        JsonNode proposal = PlanSchema.proposal(CATALOG, new Decoding(256, 16, 4, 2));
        assertEquals(2, proposal.at("/properties/steps/maxItems").asInt());
        List<Integer> lengths = new ArrayList<>();
        List<Integer> items = new ArrayList<>();
        collect(proposal.at("/properties/steps/items"), lengths, items);
        collect(proposal.path("$defs"), lengths, items);
        assertFalse(lengths.isEmpty());
        lengths.forEach(n -> assertTrue(n <= 16, "maxLength " + n));
        items.forEach(n -> assertTrue(n <= 4, "maxItems " + n));
        assertEquals(List.of("steps"),
                List.of(proposal.path("required").get(0).asText()));
    }

    private static void collect(JsonNode node, List<Integer> lengths,
            List<Integer> items) {
        if (node.isObject()) {
            if (node.has("maxLength")) {
                lengths.add(node.get("maxLength").asInt());
            }
            if (node.has("maxItems")) {
                items.add(node.get("maxItems").asInt());
            }
        }
        node.forEach(child -> collect(child, lengths, items));
    }
}
