package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Caller;
import dev.llmos.action.PathParam;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.policy.LexicalPaths;
import dev.llmos.policy.PolicyInput;
import dev.llmos.posix.Posix;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * gathers what policy decides on: the caller's group names and real home, and the path params,
 * checked lexically as sent and again after the caller-side resolution.
 */
final class PolicyInputs {
    private PolicyInputs() {
    }

    /** refuses a path param whose text could mean something other than it seems; -32602 with its pointer. */
    static void checkLexically(CatalogEntry.Bound bound, String base) throws RpcException {
        for (var param : bound.entry().pathRoles().entrySet()) {
            String name = param.getKey();
            JsonNode value = bound.normalized().get(name);
            if (value == null || value.isNull() || param.getValue() == PathParam.Role.PROGRAM) {
                // a program is decided on the file it resolves to, checked after resolution
                continue;
            }
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i).asText(), base + "/" + name + "/" + i);
                }
            } else {
                check(value.asText(), base + "/" + name);
            }
        }
    }

    private static Path check(String raw, String pointer) throws RpcException {
        try {
            return LexicalPaths.check(raw);
        } catch (InvalidPathException e) {
            throw RpcException.invalidParams(pointer, "path refused: " + e.getMessage());
        }
    }

    static PolicyInput of(Caller caller, CatalogEntry.Bound bound, Map<String, List<String>> resolved, boolean leaseHeld)
            throws RpcException {
        Map<String, List<Path>> paths = new LinkedHashMap<>();
        for (var entry : resolved.entrySet()) {
            List<Path> list = new ArrayList<>();
            for (String path : entry.getValue()) {
                list.add(check(path, "/params/" + entry.getKey()));
            }
            paths.put(entry.getKey(), list);
        }
        Set<String> groups = new LinkedHashSet<>();
        for (int gid : caller.groups()) {
            groups.add(Posix.groupName(gid).orElse(Integer.toString(gid)));
        }
        return new PolicyInput(caller, groups, home(caller), bound.entry().name(), bound.entry().action().risk(),
                bound.normalized(), paths, bound.entry().pathRoles(), bound.entry().action().lease().orElse(null), leaseHeld);
    }

    private static Path home(Caller caller) {
        return Posix.passwd(caller.uid()).map(p -> {
            try {
                return Path.of(p.home()).toRealPath();
            } catch (IOException | InvalidPathException e) {
                return null;
            }
        }).orElse(null);
    }
}
