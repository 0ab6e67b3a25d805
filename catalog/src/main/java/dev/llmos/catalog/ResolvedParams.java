package dev.llmos.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.ActionException;
import dev.llmos.action.Caller;
import dev.llmos.action.PathParam;
import dev.llmos.action.Programs;
import dev.llmos.action.Risk;
import dev.llmos.posix.Chase;
import dev.llmos.posix.FileStat;
import dev.llmos.posix.PosixException;
import dev.llmos.posix.ResolvedPath;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.file.Files;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * the path params of one bound action, each resolved once ({@link Chase}) by the process that will
 * act on them: what policy decides on ({@link #facts()}) and the descriptors the action acts through
 * ({@link #path}). the rules follow the param's role: a path that is changed follows only symlinks
 * of root, of the caller and of the acting user (a symlink planted by a third user is refused), and
 * its last symlink only when the param says so; a path that is only read, and a program, follow any.
 * owns the descriptors; closing releases them.
 */
public final class ResolvedParams implements AutoCloseable {
    /**
     * what one path param resolved to: what policy decides on and a confirmation binds.
     *
     * @param path the real absolute path (symlinks replaced by their targets), or the text as sent
     *     when it could not be resolved
     * @param identity the object's {@code dev:ino kind}, or for a missing object the holding
     *     directory's identity and the names to create; null when unresolved
     * @param failure why the path could not be resolved for the caller, or null
     */
    public record Fact(String path, String identity, String failure) {
        /** true when the path named an existing object (not a place to create one, not unresolved). */
        public boolean existed() {
            return identity != null && identity.indexOf('+') < 0;
        }
    }

    private final Map<String, Fact> facts;
    private final Map<String, ResolvedPath> resolved;

    private ResolvedParams(Map<String, Fact> facts, Map<String, ResolvedPath> resolved) {
        this.facts = Collections.unmodifiableMap(facts);
        this.resolved = resolved;
    }

    /** no path params at all. */
    public static ResolvedParams none() {
        return new ResolvedParams(new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /**
     * resolves every path param of {@code bound} for {@code caller} in this process, which acts as
     * {@code actingUid}.
     *
     * @throws RpcException -32602 for a path that is not absolute or a program that does not exist,
     *     -32001 for a path the resolver refuses (a magic link, a third user's symlink on a change)
     */
    public static ResolvedParams resolve(CatalogEntry.Bound bound, Caller caller, int actingUid) throws RpcException {
        Map<String, Fact> facts = new LinkedHashMap<>();
        Map<String, ResolvedPath> resolved = new LinkedHashMap<>();
        ResolvedParams params = new ResolvedParams(facts, resolved);
        try {
            for (var param : bound.entry().pathRoles().entrySet()) {
                String name = param.getKey();
                JsonNode value = bound.normalized().get(name);
                if (value == null || value.isNull()) {
                    continue;
                }
                String pointer = "/params/" + name;
                if (param.getValue() == PathParam.Role.PROGRAM) {
                    ResolvedPath program = program(value, pointer);
                    resolved.put(name, program);
                    facts.put(name, new Fact(program.path(), program.identity(), null));
                    continue;
                }
                String text = value.asText();
                if (!text.startsWith("/")) {
                    throw RpcException.invalidParams(pointer, "path must be absolute: " + text);
                }
                Chase.Rules rules = rules(bound, name, param.getValue(), caller, actingUid);
                try {
                    ResolvedPath path = Chase.resolve(text, rules);
                    resolved.put(name, path);
                    facts.put(name, new Fact(path.path(), path.identity(), null));
                } catch (PosixException e) {
                    facts.put(name, new Fact(text, null, e.getMessage()));
                }
            }
            return params;
        } catch (Chase.RefusedException e) {
            params.close();
            throw RpcException.of(ErrorCodes.DENIED, "denied: " + e.getMessage(),
                    Json.MAPPER.createObjectNode().put("reason", e.getMessage()).put("rule", "resolver"));
        } catch (RpcException | RuntimeException e) {
            params.close();
            throw e;
        }
    }

    private static Chase.Rules rules(CatalogEntry.Bound bound, String name, PathParam.Role role, Caller caller,
            int actingUid) {
        boolean changed = role == PathParam.Role.OUTPUT
                || (role == PathParam.Role.TARGET && bound.entry().action().risk() != Risk.READ);
        boolean followFinal = !bound.entry().linkParams().contains(name);
        if (!changed) {
            return Chase.Rules.FOLLOW_ANY.withFollowFinal(followFinal);
        }
        int callerUid = caller.uid();
        return new Chase.Rules(followFinal, uid -> uid == 0 || uid == callerUid || uid == actingUid);
    }

    /** the one file an argv's first element runs: a bare name in {@link Programs#SEARCH_PATH}, else an absolute path. */
    private static ResolvedPath program(JsonNode argv, String pointer) throws RpcException {
        if (!argv.isArray() || argv.isEmpty() || !argv.get(0).isTextual()) {
            throw RpcException.invalidParams(pointer, "argv needs at least the program");
        }
        String name = argv.get(0).asText();
        RpcException missing = RpcException.invalidParams(pointer + "/0", "no executable file '" + name
                + "' (a bare name is looked up in " + Programs.SEARCH_PATH + "; anything else must be an absolute path)");
        if (name.isEmpty() || name.indexOf('\0') >= 0 || (name.indexOf('/') >= 0 && !name.startsWith("/"))) {
            throw missing;
        }
        if (name.startsWith("/")) {
            return executable(name).orElseThrow(() -> missing);
        }
        for (String dir : Programs.SEARCH_PATH.split(":")) {
            Optional<ResolvedPath> found = executable(dir + "/" + name);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw missing;
    }

    private static Optional<ResolvedPath> executable(String path) {
        ResolvedPath resolved;
        try {
            resolved = Chase.resolve(path, Chase.Rules.FOLLOW_ANY);
        } catch (PosixException | Chase.RefusedException e) {
            return Optional.empty();
        }
        Optional<FileStat> stat = resolved.stat();
        if (stat.isPresent() && stat.get().isRegularFile() && (stat.get().mode() & 0111) != 0
                && Files.isExecutable(resolved.object().orElseThrow().proc())) {
            return Optional.of(resolved);
        }
        resolved.close();
        return Optional.empty();
    }

    /** each resolved param's fact, by wire name, in declaration order. */
    public Map<String, Fact> facts() {
        return facts;
    }

    /**
     * the param {@code name} as resolved, or empty when it was not given.
     *
     * @throws ActionException when it could not be resolved for the caller
     */
    public Optional<ResolvedPath> path(String name) throws ActionException {
        Fact fact = facts.get(name);
        if (fact == null) {
            return Optional.empty();
        }
        if (fact.failure() != null) {
            throw new ActionException("cannot reach " + fact.path() + ": " + fact.failure());
        }
        return Optional.of(resolved.get(name));
    }

    /**
     * true when {@code other} (the same params resolved by another process) found the same objects:
     * the same path and identity for every param that both could resolve, and no param that only one
     * of them saw.
     */
    public boolean sameObjectsAs(Map<String, Fact> other) {
        if (!facts.keySet().equals(other.keySet())) {
            return false;
        }
        for (var entry : facts.entrySet()) {
            Fact mine = entry.getValue();
            Fact theirs = other.get(entry.getKey());
            if (!mine.path().equals(theirs.path())) {
                return false;
            }
            if (mine.identity() != null && theirs.identity() != null && !mine.identity().equals(theirs.identity())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        resolved.values().forEach(ResolvedPath::close);
        resolved.clear();
    }
}
