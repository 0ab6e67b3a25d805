package dev.llmos.catalog;

import dev.llmos.action.Action;
import dev.llmos.action.PathParam;
import dev.llmos.action.Sensitive;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import dev.llmos.support.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * every action known to this process, keyed by name. built once: a malformed or duplicate action
 * is a start-up failure, never a runtime surprise.
 */
public final class ActionCatalog {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*");

    private final Map<String, CatalogEntry> entries;
    private final String version;

    private ActionCatalog(Map<String, CatalogEntry> entries) {
        this.entries = entries;
        this.version = digest(entries);
    }

    /** the actions registered as {@link java.util.ServiceLoader} providers on the class path. */
    public static ActionCatalog discover() {
        List<Action<?>> actions = new ArrayList<>();
        for (Action<?> action : ServiceLoader.load(Action.class, ActionCatalog.class.getClassLoader())) {
            actions.add(action);
        }
        return of(actions);
    }

    public static ActionCatalog of(Collection<? extends Action<?>> actions) {
        Map<String, CatalogEntry> entries = new TreeMap<>();
        for (Action<?> action : actions) {
            CatalogEntry entry = entry(action);
            CatalogEntry previous = entries.putIfAbsent(action.name(), entry);
            if (previous != null) {
                throw new IllegalStateException("duplicate action name '" + action.name() + "': "
                        + previous.action().getClass().getName() + " and " + action.getClass().getName());
            }
        }
        return new ActionCatalog(entries);
    }

    private static CatalogEntry entry(Action<?> action) {
        String where = action.getClass().getName();
        if (action.name() == null || !NAME.matcher(action.name()).matches()) {
            throw new IllegalStateException(where + ": action name '" + action.name() + "' is not family.verb");
        }
        if (action.description() == null || action.description().isBlank()) {
            throw new IllegalStateException(where + ": action " + action.name() + " has no description");
        }
        if (action.risk() == null || action.paramsType() == null || action.examples() == null) {
            throw new IllegalStateException(where + ": action " + action.name() + " lacks risk, params type or examples");
        }
        Map<String, PathParam.Role> paths = new LinkedHashMap<>();
        Set<String> links = new TreeSet<>();
        Set<String> sensitive = new TreeSet<>();
        for (var component : action.paramsType().getRecordComponents()) {
            if (component.isAnnotationPresent(Sensitive.class)) {
                sensitive.add(ParamsSchemas.wireName(component.getName()));
            }
            PathParam path = component.getAnnotation(PathParam.class);
            if (path != null) {
                if (path.value() == PathParam.Role.PROGRAM && !List.class.isAssignableFrom(component.getType())) {
                    throw new IllegalStateException(where + ": " + component.getName()
                            + " is a program param, so it must be an argv list");
                }
                paths.put(ParamsSchemas.wireName(component.getName()), path.value());
                if (!path.followFinal()) {
                    links.add(ParamsSchemas.wireName(component.getName()));
                }
            }
        }
        return new CatalogEntry(action, RecordBinder.of(action.paramsType()), paths, links, sensitive);
    }

    /** the entry named {@code name}; unknown is invalid params pointing at {@code pointer}. */
    public CatalogEntry require(String name, String pointer) throws RpcException {
        CatalogEntry entry = entries.get(name);
        if (entry == null) {
            throw RpcException.invalidParams(pointer, "unknown action: " + name);
        }
        return entry;
    }

    public CatalogEntry find(String name) {
        return entries.get(name);
    }

    /** all entries, sorted by name. */
    public Collection<CatalogEntry> entries() {
        return entries.values();
    }

    /** a digest of every name, schema, risk, description and example: changes whenever the catalog does (plan cache key). */
    public String version() {
        return version;
    }

    private static String digest(Map<String, CatalogEntry> entries) {
        MessageDigest sha = Sha256.digest();
        for (CatalogEntry entry : entries.values()) {
            sha.update(entry.name().getBytes(StandardCharsets.UTF_8));
            sha.update(Json.toBytes(entry.schema()));
            sha.update(entry.action().risk().wireName().getBytes(StandardCharsets.UTF_8));
            // routing depends on descriptions and examples, so a plan cached under this version does too
            sha.update(entry.action().description().getBytes(StandardCharsets.UTF_8));
            for (String example : entry.action().examples()) {
                sha.update(example.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
        }
        return Sha256.hex(sha).substring(0, 16);
    }
}
