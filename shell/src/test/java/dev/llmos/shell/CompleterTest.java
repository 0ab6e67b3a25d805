package dev.llmos.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** what completes, from the model and a catalog as the daemon sends it. */
class CompleterTest {
    private static final Completer COMPLETER = new Completer(Commands.root(), CompleterTest::catalog,
            () -> List.of("tx-1", "tx-2"));

    private static List<JsonNode> catalog() {
        try {
            return List.of(JsonCodec.parse("""
                    {"name":"fs.list","description":"list a directory","path_params":["path"],"params_schema":{
                     "properties":{"path":{"type":"string","description":"the directory"},"hidden":{"type":"boolean"},
                     "limit":{"type":"integer"}}}}"""), JsonCodec.parse("""
                    {"name":"proc.list","description":"processes","path_params":[],"params_schema":{
                     "properties":{"sort":{"type":"string","enum":["cpu","memory"]}}}}"""));
        } catch (JsonCodec.JsonException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> values(String... words) {
        return COMPLETER.complete(List.of(words)).candidates().stream().map(Completer.Candidate::value).toList();
    }

    @Test
    void commandsOptionsActionsParamsAndValues() {
        assertEquals(List.of("describe", "do"), values("d"));
        assertEquals(List.of("--dry-run"), values("do", "fs.list", "--dr"));
        assertTrue(values("do", "--").containsAll(List.of("--params", "--dry-run", "--json", "--socket", "--help")));
        assertEquals(List.of("fs.list"), values("do", "fs."));
        assertEquals(List.of("path=", "hidden=", "limit="), values("do", "fs.list", ""));
        assertTrue(COMPLETER.complete(List.of("do", "fs.list", "")).noSpace(), "key= waits for its value");
        assertEquals(List.of("sort=cpu", "sort=memory"), values("do", "proc.list", "sort="));
        assertEquals(List.of("hidden=true", "hidden=false"), values("--json", "do", "fs.list", "hidden="));
        assertEquals(List.of("tail", "verify"), values("audit", ""));
        assertEquals(List.of("never"), values("--color", "n"));
        assertEquals(List.of("tx-1", "tx-2"), values("undo", "tx"));
        assertEquals(List.of("bash"), values("completion", "b"));
        assertEquals(List.of("fs.list"), values("policy", "suggest", "fs"));
    }

    @Test
    void pathsAreLeftToTheShellsFileCompletion() {
        Completer.Result path = COMPLETER.complete(List.of("do", "fs.list", "path=/tm"));
        assertTrue(path.files());
        assertEquals("path=", path.filesPrefix());
        Completer.Result file = COMPLETER.complete(List.of("apply", "pl"));
        assertTrue(file.files());
        assertEquals("", file.filesPrefix());
    }
}
