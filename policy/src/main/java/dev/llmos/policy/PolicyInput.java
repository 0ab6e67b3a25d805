package dev.llmos.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmos.action.Caller;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * everything policy decides on, gathered by the daemon before it calls
 * {@link Policy#evaluate(PolicyInput)}; evaluation itself does no i/o.
 *
 * @param caller the kernel-verified caller (so_peercred)
 * @param groupNames names of the caller's groups (primary and supplementary), for group matchers
 * @param home the caller's home directory, real-pathed; null when the caller has none. a home of
 *     {@code /} is treated as none, so it cannot make every path count as "inside the home"
 * @param action the action name, e.g. {@code fs.delete}
 * @param risk the action's declared risk
 * @param params the validated params with defaults filled in
 * @param paths the action's path params by wire name, each already checked by {@link LexicalPaths}
 *     and resolved by the daemon (symlinks followed as the caller); every path must be absolute
 *     and normal
 * @param roles what the action does with each path param, by wire name ({@code TARGET} when absent):
 *     the built-in protections of system paths guard targets of actions that change something and
 *     outputs of any action, never sources or programs
 * @param lease the kind of lease under which the action runs without asking (e.g. {@code input}),
 *     or null when it needs none
 * @param leaseHeld whether the caller holds a live lease of that kind
 */
public record PolicyInput(
        Caller caller,
        Set<String> groupNames,
        Path home,
        String action,
        Risk risk,
        JsonNode params,
        Map<String, List<Path>> paths,
        Map<String, PathParam.Role> roles,
        String lease,
        boolean leaseHeld) {
    private static final Path ROOT = Path.of("/");

    /** what the action does with path param {@code name}. */
    public PathParam.Role role(String name) {
        return roles.getOrDefault(name, PathParam.Role.TARGET);
    }

    /** an input for an action whose path params are all targets and that needs no lease. */
    public PolicyInput(Caller caller, Set<String> groupNames, Path home, String action, Risk risk, JsonNode params,
            Map<String, List<Path>> paths) {
        this(caller, groupNames, home, action, risk, params, paths, Map.of(), null, false);
    }

    public PolicyInput {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(risk, "risk");
        groupNames = Set.copyOf(groupNames);
        roles = Map.copyOf(roles);
        params = params == null ? JsonNodeFactory.instance.objectNode() : params;
        if (home != null) {
            requireResolved("home", home);
            home = home.equals(ROOT) ? null : home;
        }
        Map<String, List<Path>> copy = new LinkedHashMap<>();
        paths.forEach((name, list) -> {
            list.forEach(path -> requireResolved(name, path));
            copy.put(name, List.copyOf(list));
        });
        paths = Collections.unmodifiableMap(copy);
    }

    private static void requireResolved(String name, Path path) {
        if (!path.isAbsolute() || !path.equals(path.normalize())) {
            throw new IllegalArgumentException(
                    name + " must be an absolute, normalized path (resolve it first): " + path);
        }
    }
}
