package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Methods;
import dev.llmos.shell.cli.Suggest;
import java.util.ArrayList;
import java.util.List;

/** the daemon's action catalog as llmsh needs it: one entry by name, or every name. */
final class Catalog {
    private Catalog() {
    }

    /** the catalog entry of {@code name}, or a usage error naming the close matches. */
    static JsonNode find(Context context, String name) throws CliException {
        var only = Context.params();
        only.putArray("names").add(name);
        JsonNode one = context.call(Methods.ACTIONS_LIST, only).path("actions");
        if (!one.isEmpty()) {
            return one.get(0);
        }
        List<String> names = names(context.call(Methods.ACTIONS_LIST, Context.params()));
        List<String> meant = Suggest.closest(name, names);
        if (meant.isEmpty()) {
            String family = name.split("\\.")[0] + ".";
            names.stream().filter(n -> n.startsWith(family)).forEach(meant::add);
        }
        throw new CliException(ExitCodes.USAGE, "unknown action: " + name + Suggest.phrase(meant), null,
                meant.isEmpty() ? List.of("(see llmsh actions)") : List.of());
    }

    static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("actions").forEach(entry -> names.add(entry.path("name").asText()));
        return names;
    }
}
