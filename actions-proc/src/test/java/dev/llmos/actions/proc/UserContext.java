package dev.llmos.actions.proc;

import dev.llmos.action.ActionContext;
import dev.llmos.action.Caller;
import dev.llmos.posix.Posix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * an action context for a chosen caller, as the daemon builds one for a connection from another
 * user: records progress, can be elevated (policy's {@code run_as = "root"}), never cancels.
 */
final class UserContext implements ActionContext {
    private final Caller caller;
    private final boolean elevated;
    private final Path quarantine;
    private final List<String> progress = new ArrayList<>();
    private String inverse;
    private Record inverseParams;

    UserContext(Caller caller, boolean elevated, Path quarantine) {
        this.caller = caller;
        this.elevated = elevated;
        this.quarantine = quarantine;
    }

    /** the named user, with its primary group and {@code extraGroups}. */
    static UserContext of(String user, boolean elevated, Integer... extraGroups) {
        Posix.Passwd entry = Posix.passwd(user).orElseThrow(() -> new AssertionError("no user " + user));
        List<Integer> groups = new ArrayList<>(List.of(entry.gid()));
        groups.addAll(List.of(extraGroups));
        return new UserContext(new Caller(entry.uid(), entry.gid(), 0, entry.name(), groups), elevated, null);
    }

    @Override
    public java.util.Optional<dev.llmos.posix.ResolvedPath> path(String param) {
        throw new IllegalStateException("not resolved");
    }

    UserContext withQuarantine(Path dir) {
        return new UserContext(caller, elevated, dir);
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public Map<String, String> session() {
        return Map.of();
    }

    @Override
    public boolean elevated() {
        return elevated;
    }

    @Override
    public void progress(String message, Double fraction) {
        progress.add(message);
    }

    @Override
    public boolean cancelled() {
        return false;
    }

    @Override
    public Path quarantine() {
        if (quarantine == null) {
            throw new AssertionError("no quarantine in this context");
        }
        return quarantine;
    }

    @Override
    public void undoWith(String action, Record params) {
        inverse = action;
        inverseParams = params;
    }

    List<String> progress() {
        return progress;
    }

    String inverse() {
        return inverse;
    }

    Record inverseParams() {
        return inverseParams;
    }
}
