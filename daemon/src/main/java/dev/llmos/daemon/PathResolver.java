package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.PathParam;
import dev.llmos.action.Programs;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * resolves path params to what they really name, as the current process (running as the caller)
 * sees them: absolute, normalized, every symlink followed. a path that does not exist yet resolves
 * through its deepest existing ancestor, so a new file under a symlinked directory is decided on
 * the directory it will really land in. a program param resolves to the one file its argv's first
 * element runs.
 */
final class PathResolver {
    private static final int MAX_SYMLINK_HOPS = 40;

    private PathResolver() {
    }

    static Map<String, List<String>> resolve(CatalogEntry.Bound bound) throws RpcException {
        Map<String, List<String>> resolved = new LinkedHashMap<>();
        for (var param : bound.entry().pathRoles().entrySet()) {
            String name = param.getKey();
            JsonNode value = bound.normalized().get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            if (param.getValue() == PathParam.Role.PROGRAM) {
                resolved.put(name, List.of(program(value, "/params/" + name)));
                continue;
            }
            List<String> paths = new ArrayList<>();
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    paths.add(resolve(value.get(i).asText(), "/params/" + name + "/" + i));
                }
            } else {
                paths.add(resolve(value.asText(), "/params/" + name));
            }
            resolved.put(name, paths);
        }
        return resolved;
    }

    /** the real path of the program an argv names (its first element), as the caller would run it. */
    private static String program(JsonNode argv, String pointer) throws RpcException {
        if (!argv.isArray() || argv.isEmpty()) {
            throw RpcException.invalidParams(pointer, "argv needs at least the program");
        }
        String name = argv.get(0).asText();
        return Programs.resolve(name).map(Path::toString).orElseThrow(() -> RpcException.invalidParams(pointer + "/0",
                "no executable file '" + name + "' (a bare name is looked up in " + Programs.SEARCH_PATH
                        + "; anything else must be an absolute path)"));
    }

    static String resolve(String raw, String pointer) throws RpcException {
        Path path;
        try {
            path = Path.of(raw);
        } catch (java.nio.file.InvalidPathException e) {
            throw RpcException.invalidParams(pointer, "not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw RpcException.invalidParams(pointer, "path must be absolute: " + raw);
        }
        try {
            return real(path.normalize()).toString();
        } catch (IOException e) {
            // an unreadable directory on the way: the caller cannot reach past it either
            return path.normalize().toString();
        }
    }

    /** like realpath(3) for the existing part, then the missing names; dangling links are followed too. */
    private static Path real(Path normalized) throws IOException {
        Path current = normalized;
        for (int hops = 0; hops < MAX_SYMLINK_HOPS; hops++) {
            Path existing = current;
            List<Path> missing = new ArrayList<>();
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                missing.addFirst(existing.getFileName());
                existing = existing.getParent();
            }
            if (existing != null && Files.isSymbolicLink(existing) && !Files.exists(existing)) {
                // a dangling link: whatever is created through it lands at its target
                Path target = existing.getParent().resolve(Files.readSymbolicLink(existing)).normalize();
                for (Path name : missing) {
                    target = target.resolve(name);
                }
                current = target;
                continue;
            }
            Path real = existing == null ? Path.of("/") : existing.toRealPath();
            for (Path name : missing) {
                real = real.resolve(name);
            }
            return real;
        }
        throw new IOException("too many levels of symbolic links: " + normalized);
    }
}
