package dev.llmos.actions.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Risk;
import dev.llmos.action.Sensitive;
import dev.llmos.action.testkit.CatalogConventions;
import dev.llmos.action.testkit.Harness;
import dev.llmos.actions.desktop.backend.Keys;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** the family as the daemon, policy and router see it: names, schemas, risks, leases, examples. */
class CatalogTest {
    private static JsonNode json(String text) throws RpcException {
        return Json.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyActionOfTheFamilyIsDiscovered() {
        assertEquals(List.of("clipboard.get", "clipboard.set", "display.focus", "display.info", "display.screenshot",
                "display.windows", "input.click", "input.cursor", "input.drag", "input.key", "input.mouse_move",
                "input.scroll", "input.type"), Harness.catalog().entries().stream().map(CatalogEntry::name).toList());
    }

    @Test
    void followsTheCatalogConventions() {
        CatalogConventions.check(Harness.catalog());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "display.info       | read  | ''    | ''   | ''",
        "display.screenshot | read  | ''    | path | ''",
        "display.windows    | read  | ''    | ''   | ''",
        "display.focus      | write | ''    | ''   | ''",
        "input.type         | write | input | ''   | text",
        "input.key          | write | input | ''   | ''",
        "input.mouse_move   | write | input | ''   | ''",
        "input.click        | write | input | ''   | ''",
        "input.drag         | write | input | ''   | ''",
        "input.scroll       | write | input | ''   | ''",
        "input.cursor       | read  | ''    | ''   | ''",
        "clipboard.get      | read  | ''    | ''   | ''",
        "clipboard.set      | write | ''    | ''   | text",
    })
    void risksLeasesPathsAndSensitiveParamsAreDeclared(String name, String risk, String lease, String paths,
            String sensitive) {
        CatalogEntry entry = Harness.catalog().find(name);
        assertEquals(Risk.valueOf(risk.toUpperCase(Locale.ROOT)), entry.action().risk());
        assertEquals(lease.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(lease), entry.action().lease());
        assertEquals(paths.isEmpty() ? List.of() : List.of(paths), entry.pathParams());
        List<String> marked = new ArrayList<>();
        for (var component : entry.action().paramsType().getRecordComponents()) {
            if (component.isAnnotationPresent(Sensitive.class)) {
                marked.add(component.getName());
            }
        }
        assertEquals(sensitive.isEmpty() ? List.of() : List.of(sensitive), marked);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "input.type     | {\"text\":\"x\"}       | {\"text\":\"x\",\"delay_ms\":12}",
        "input.click    | {}                     | {\"button\":1,\"count\":1}",
        "input.drag     | {\"from_x\":1,\"from_y\":2,\"to_x\":3,\"to_y\":4} | {\"from_x\":1,\"from_y\":2,\"to_x\":3,\"to_y\":4,\"button\":1}",
        "input.scroll   | {}                     | {\"dx\":0,\"dy\":0}",
        "clipboard.get  | {}                     | {\"selection\":\"clipboard\",\"max_bytes\":65536}",
        "clipboard.set  | {\"text\":\"\"}        | {\"text\":\"\",\"selection\":\"clipboard\"}",
        "display.screenshot | {}                 | {}",
    })
    void defaultsAreFilledIn(String name, String params, String normalized) throws Exception {
        assertEquals(json(normalized), Harness.bind(name, (com.fasterxml.jackson.databind.node.ObjectNode) json(params))
                .normalized());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "display.screenshot | {\"region\":{\"x\":0,\"y\":0,\"width\":1,\"height\":1,\"depth\":1}} | /params/region/depth",
        "display.screenshot | {\"region\":{\"x\":0,\"y\":0,\"width\":0,\"height\":1}}            | /params/region/width",
        "display.screenshot | {\"region\":{\"x\":0,\"y\":0,\"width\":5}}                         | /params/region/height",
        "display.focus      | {}                                                                  | /params/window",
        "input.type         | {\"text\":\"\"}                                                     | /params/text",
        "input.type         | {\"text\":\"x\",\"delay_ms\":5000}                                  | /params/delay_ms",
        "input.key          | {\"keys\":\"ctrl+c\\nrm\"}                                          | /params/keys",
        "input.mouse_move   | {\"x\":-1,\"y\":0}                                                  | /params/x",
        "input.click        | {\"button\":10}                                                     | /params/button",
        "input.scroll       | {\"dy\":\"3\"}                                                      | /params/dy",
        "clipboard.get      | {\"selection\":\"secondary\"}                                       | /params/selection",
        "input.cursor       | {\"x\":1}                                                           | /params/x",
    })
    void badParamsAreRefusedAtTheirPointer(String name, String params, String pointer) {
        RpcException e = assertThrows(RpcException.class,
                () -> Harness.bind(name, (com.fasterxml.jackson.databind.node.ObjectNode) json(params)));
        assertTrue(Json.toString(e.error()).contains(pointer), Json.toString(e.error()));
    }

    /** the requests the issue names: each is an example of its action, and its params bind. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "take a screenshot              | display.screenshot | {}",
        "click the OK button at 200,300 | input.click        | {\"x\":200,\"y\":300}",
        "type hello world               | input.type         | {\"text\":\"hello world\"}",
        "press ctrl+alt+t               | input.key          | {\"keys\":\"ctrl+alt+t\"}",
        "what's on my clipboard         | clipboard.get      | {}",
        "copy hello to the clipboard    | clipboard.set      | {\"text\":\"hello\"}",
        "move the mouse to 100 200      | input.mouse_move   | {\"x\":100,\"y\":200}",
        "list open windows              | display.windows    | {}",
        "what resolution is my screen   | display.info       | {}",
    })
    void theIssuesRequestsAreExamplesWhoseParamsBind(String utterance, String name, String params) throws Exception {
        CatalogEntry entry = Harness.catalog().find(name);
        assertTrue(entry.action().examples().contains(utterance), name + " lacks '" + utterance + "'");
        CatalogEntry.Bound bound = Harness.bind(name, (com.fasterxml.jackson.databind.node.ObjectNode) json(params));
        if (bound.value() instanceof InputKeyAction.Params keys) {
            assertEquals("ctrl+alt+t", Keys.parse(keys.keys()).getFirst().toString());
        }
    }
}
