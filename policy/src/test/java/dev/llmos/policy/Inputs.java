package dev.llmos.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.action.Caller;
import dev.llmos.action.Risk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** compact builders for policy inputs in test tables. */
final class Inputs {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * a test user.
     *
     * @param home null for a user without a home
     */
    record Who(String user, int uid, Set<String> groups, String home) {
    }

    static final Who ROOT = new Who("root", 0, Set.of("root"), "/root");
    static final Who ALICE = new Who("alice", 1001, Set.of("alice", "llmos-admins"), "/home/alice");
    static final Who BOB = new Who("bob", 1002, Set.of("bob"), "/home/bob");
    static final Who CAROL = new Who("carol", 2500, Set.of("carol", "interns"), "/home/carol");
    static final Who HOMELESS = new Who("daemon", 1, Set.of("daemon"), null);
    static final Who SLASH_HOME = new Who("nobody", 65534, Set.of("nogroup"), "/");

    private Inputs() {
    }

    /**
     * an input.
     *
     * @param params json text of the params, or null for none
     * @param paths {@code name=/path} pairs, in order; a name may repeat
     */
    static PolicyInput input(Who who, String action, Risk risk, String params, String... paths) {
        Map<String, List<Path>> byName = new LinkedHashMap<>();
        for (String pair : paths) {
            int eq = pair.indexOf('=');
            byName.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(Path.of(pair.substring(eq + 1)));
        }
        return new PolicyInput(new Caller(who.uid(), who.uid(), 4242, who.user(), List.of(who.uid())), who.groups(),
                who.home() == null ? null : Path.of(who.home()), action, risk, json(params), byName);
    }

    static JsonNode json(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
