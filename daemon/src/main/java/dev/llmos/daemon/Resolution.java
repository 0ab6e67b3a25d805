package dev.llmos.daemon;

import dev.llmos.catalog.ResolvedParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * an action's path params resolved once by the process that will act on them (this one, or the
 * caller's executor, which holds the descriptors under a handle): what policy decides on, held
 * until the action has run, so that what it acts on is what was decided on.
 */
interface Resolution extends AutoCloseable {
    /** each path param's fact (real path, identity, or why it could not be resolved). */
    Map<String, ResolvedParams.Fact> facts();

    /** releases the descriptors. */
    @Override
    void close();

    /** the real paths, by param, as policy reads them. */
    default Map<String, List<String>> paths() {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        facts().forEach((name, fact) -> paths.put(name, List.of(fact.path())));
        return paths;
    }

    /** what a confirmation binds: each param's object identity, in declaration order. */
    default String identities() {
        List<String> parts = new ArrayList<>();
        facts().forEach((name, fact) -> parts.add(name + "=" + (fact.identity() == null ? "?" : fact.identity())));
        return String.join(" ", parts);
    }

    /** a resolution held by this process. */
    record Local(ResolvedParams params) implements Resolution {
        @Override
        public Map<String, ResolvedParams.Fact> facts() {
            return params.facts();
        }

        @Override
        public void close() {
            params.close();
        }
    }
}
