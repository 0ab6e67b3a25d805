package dev.llmos.shell;

import java.util.Set;
import java.util.TreeSet;

/**
 * what the person answered "always" to during this session (one llmsh run, or one repl): actions
 * that change something may then run in the loop without asking again, and a remote model may get
 * the loop's data without asking again. only the person grants these, at a prompt; nothing a model
 * says or an action returns adds to them, and they end with the session.
 */
final class LoopGrants {
    /** the grant that lets each turn's chat go to the remote model without asking. */
    static final String REMOTE = "remote model";

    private final Set<String> granted = new TreeSet<>();

    synchronized void grant(Set<String> what) {
        granted.addAll(what);
    }

    synchronized boolean covers(Set<String> what) {
        return granted.containsAll(what);
    }

    synchronized Set<String> granted() {
        return Set.copyOf(granted);
    }
}
