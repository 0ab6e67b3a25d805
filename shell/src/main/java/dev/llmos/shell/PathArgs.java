package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * makes the path params of a typed action absolute the way a shell would, since the daemon takes
 * only absolute paths: {@code ~} and {@code ~/x} are under {@code $HOME}, {@code ~user} under that
 * user's home, and a relative path is under the current directory, whose leading {@code ..} and
 * {@code .} are folded against the (physical) working directory. a {@code ..} further in is left
 * for the daemon to refuse. which params are paths, and which hold a program (argv, whose first
 * element is resolved only when it names a path), the catalog entry says.
 */
final class PathArgs {
    private PathArgs() {
    }

    static void resolve(ObjectNode params, JsonNode entry, Places places) throws CliException {
        JsonNode roles = entry.path("path_roles");
        for (JsonNode name : entry.path("path_params")) {
            String key = name.asText();
            JsonNode value = params.get(key);
            if (value == null) {
                continue;
            }
            if (value.isTextual()) {
                params.put(key, resolve(value.textValue(), places));
            } else if (value.isArray()) {
                ArrayNode array = (ArrayNode) value;
                boolean program = roles.path(key).asText().equals("program");
                for (int i = 0; i < array.size(); i++) {
                    String element = array.get(i).isTextual() ? array.get(i).textValue() : null;
                    if (element == null || (program && (i > 0 || !namesAPath(element)))) {
                        continue;
                    }
                    array.set(i, JsonCodec.NODES.textNode(resolve(element, places)));
                }
            }
        }
    }

    /** a program given as a path ({@code ./tool}, {@code ~/bin/x}) rather than a name looked up in the search path. */
    private static boolean namesAPath(String program) {
        return program.indexOf('/') >= 0 || program.startsWith("~");
    }

    static String resolve(String raw, Places places) throws CliException {
        if (raw.isEmpty() || raw.startsWith("/")) {
            return raw;
        }
        if (raw.startsWith("~")) {
            int slash = raw.indexOf('/');
            String user = raw.substring(1, slash < 0 ? raw.length() : slash);
            String rest = slash < 0 ? "" : raw.substring(slash);
            String home = user.isEmpty() ? places.home() : places.homeOf(user);
            return rest.isEmpty() || rest.equals("/") ? home : (home.endsWith("/") ? home + rest.substring(1) : home + rest);
        }
        Path base = places.cwd();
        String[] segments = raw.split("/", -1);
        int i = 0;
        while (i < segments.length && (segments[i].equals(".") || segments[i].equals("..") || segments[i].isEmpty())) {
            if (segments[i].equals("..") && base.getParent() != null) {
                base = base.getParent();
            }
            i++;
        }
        StringBuilder rest = new StringBuilder();
        for (; i < segments.length; i++) {
            rest.append('/').append(segments[i]);
        }
        String prefix = base.toString();
        return rest.isEmpty() ? prefix : (prefix.equals("/") ? rest.toString() : prefix + rest);
    }
}
