package dev.llmos.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * an action's params as a client (or an llm's plan) sends them, bound by the real catalog (every
 * action family the distribution ships): the input is {@code action.name} and a json object,
 * separated by the first space. binding either refuses with -32602 and a json pointer under
 * {@code /params}, or gives normalized params that bind again to the same value (defaults filled
 * once, nothing lost or invented).
 */
class ParamsBindingFuzzTest {
    private static final ActionCatalog CATALOG = ActionCatalog.discover();
    private static final List<CatalogEntry> ENTRIES = List.copyOf(CATALOG.entries());

    @FuzzTest(maxDuration = "5s")
    void bind(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        String name = space < 0 ? text : text.substring(0, space);
        CatalogEntry found = CATALOG.find(name);
        CatalogEntry entry = found != null ? found : ENTRIES.get(Math.floorMod(name.hashCode(), ENTRIES.size()));
        JsonNode params;
        try {
            params = Json.parse(text.substring(space + 1).getBytes(StandardCharsets.UTF_8));
        } catch (RpcException e) {
            return;
        }
        CatalogEntry.Bound bound;
        try {
            bound = entry.bind(params, "/params");
        } catch (RpcException e) {
            Invariants.requireCode(e, -32602);
            JsonNode pointer = e.error().data() == null ? null : e.error().data().get("pointer");
            Invariants.require(pointer != null && pointer.asText().startsWith("/params"),
                    "a refusal without a pointer under /params: " + e.getMessage());
            return;
        }
        Invariants.require(bound.normalized().isObject(), "normalized params are not an object");
        try {
            CatalogEntry.Bound again = entry.bind(bound.normalized(), "/params");
            Invariants.require(again.normalized().equals(bound.normalized()), entry.name()
                    + ": binding the normalized params again changed them");
        } catch (RpcException e) {
            throw new Invariants.Broken(entry.name() + ": normalized params no longer bind: " + e.getMessage());
        }
    }
}
