package dev.llmos.action.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Caller;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.catalog.ResolvedParams;
import dev.llmos.posix.Posix;
import dev.llmos.posix.ResolvedPath;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * an action context for the test process's own user: records progress (each report with its
 * fraction) and the inverse an action registers, and can play a client that cancels, after a
 * number of checks or once the reports so far satisfy a condition. a read-only context fails the
 * test when the action asks for the quarantine or registers an inverse; a session context allows an
 * inverse (focusing a window has one) but no quarantine. safe to report to from several threads.
 */
public final class TestContext implements ActionContext {
    /** the inverse an action recorded. */
    public record Inverse(String action, Record params) {
    }

    /** one progress notification; {@code fraction} is null when the action did not know it. */
    public record Report(String message, Double fraction) {
    }

    private final Path quarantine;
    private final boolean inverses;
    private Caller caller;
    private boolean elevated;
    private List<Path> daemonPaths = List.of();
    private java.util.Set<String> capabilities = java.util.Set.of();
    private ResolvedParams paths;
    private Runnable betweenResolveAndAct = () -> { };
    private final Map<String, String> session;
    private final List<Report> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
    private java.util.function.Predicate<List<Report>> cancelWhen = reports -> false;
    private Inverse inverse;
    /** how many times {@link #cancelled} says no before it says yes for good; negative for never. */
    private int cancelAfter = -1;
    private int checks;

    private TestContext(Path quarantine, boolean inverses, Map<String, String> session) {
        this.quarantine = quarantine;
        this.inverses = inverses;
        this.session = Map.copyOf(session);
    }

    /** a context for a read-only action. */
    public static TestContext readOnly() {
        return new TestContext(null, false, Map.of());
    }

    /** a context for a mutating action that keeps what it displaces in {@code quarantine}. */
    public static TestContext withQuarantine(Path quarantine) {
        return new TestContext(quarantine, true, Map.of());
    }

    /** a context whose caller's session has these environment variables (display, runtime dir). */
    public static TestContext withSession(Map<String, String> session) {
        return new TestContext(null, true, session);
    }

    /**
     * acts for the user {@code name} (its primary group and {@code extraGroups}), as the daemon does
     * for a connection from that user; with {@code elevated}, as when policy grants
     * {@code run_as = "root"}. the test process keeps its own privileges, like a launcher daemon.
     */
    public TestContext as(String name, boolean elevated, Integer... extraGroups) {
        Posix.Passwd entry = Posix.passwd(name).orElseThrow(() -> new AssertionError("no user " + name));
        List<Integer> groups = new ArrayList<>(List.of(entry.gid()));
        groups.addAll(List.of(extraGroups));
        this.caller = new Caller(entry.uid(), entry.gid(), 0, entry.name(), groups);
        this.elevated = elevated;
        return this;
    }

    @Override
    public boolean elevated() {
        return elevated;
    }

    /** plays a policy that lets an elevated run keep {@code names} (like {@code CAP_NET_BIND_SERVICE}). */
    public TestContext keeping(java.util.Set<String> names) {
        this.capabilities = java.util.Set.copyOf(names);
        return this;
    }

    @Override
    public java.util.Set<String> capabilities() {
        return capabilities;
    }

    /** plays a daemon whose sockets and state are {@code paths}: what a sandbox must hide. */
    public TestContext hiding(List<Path> paths) {
        this.daemonPaths = List.copyOf(paths);
        return this;
    }

    @Override
    public List<Path> daemonPaths() {
        return daemonPaths;
    }

    /**
     * runs {@code attack} after the path params are resolved and before the action acts: what a
     * racing user does between the daemon's decision and the act (swapping a symlink, renaming a
     * directory), so a test can prove the action acts on what was resolved.
     */
    public TestContext betweenResolveAndAct(Runnable attack) {
        this.betweenResolveAndAct = attack;
        return this;
    }

    /** makes the client cancel as soon as the progress reports so far satisfy {@code condition}. */
    public TestContext cancelWhen(java.util.function.Predicate<List<Report>> condition) {
        this.cancelWhen = condition;
        return this;
    }

    /** makes the client cancel once the action has asked {@code checks} times. */
    public TestContext cancelAfter(int checks) {
        this.cancelAfter = checks;
        return this;
    }

    @Override
    public Caller caller() {
        if (caller != null) {
            return caller;
        }
        int uid = Posix.getuid();
        String user = Posix.passwd(uid).map(Posix.Passwd::name).orElse(Integer.toString(uid));
        return new Caller(uid, Posix.getgid(), ProcessHandle.current().pid(), user, List.of(Posix.getgid()));
    }

    /**
     * runs {@code action} the way the daemon does: binds {@code params} through the action's strict
     * schema (defaults filled in), resolves its path params once as this process's user, and
     * executes on what was resolved.
     */
    @SuppressWarnings("unchecked")
    public <P extends Record, R> R execute(Action<P> action, P params) throws ActionException {
        return (R) withPaths(action, params, (bound, value) -> action.execute(value, this));
    }

    /**
     * previews {@code action} the way the daemon does (see {@link #execute}); null when the action
     * previews nothing beyond its params.
     */
    @SuppressWarnings("unchecked")
    public <P extends Record, R> R preview(Action<P> action, P params) throws ActionException {
        return (R) withPaths(action, params, (bound, value) -> action.preview(value, this).orElse(null));
    }

    @FunctionalInterface
    private interface Step<P extends Record> {
        Object run(CatalogEntry.Bound bound, P value) throws ActionException;
    }

    @SuppressWarnings("unchecked")
    private <P extends Record> Object withPaths(Action<P> action, P params, Step<P> step) throws ActionException {
        CatalogEntry entry = ActionCatalog.of(List.of(action)).find(action.name());
        ObjectNode tree = (ObjectNode) Json.toTree(params);
        tree.properties().removeIf(field -> field.getValue().isNull());
        try {
            CatalogEntry.Bound bound = entry.bind(tree, "/params");
            try (ResolvedParams resolved = ResolvedParams.resolve(bound, caller(), Posix.getuid())) {
                paths = resolved;
                betweenResolveAndAct.run();
                return step.run(bound, (P) bound.value());
            } finally {
                paths = null;
            }
        } catch (RpcException e) {
            throw new ActionException(e.getMessage());
        }
    }

    @Override
    public Optional<ResolvedPath> path(String param) throws ActionException {
        if (paths == null) {
            throw new IllegalStateException("path params are resolved by TestContext.execute(action, params) "
                    + "and TestContext.preview(action, params); call those instead of the action directly");
        }
        return paths.path(param);
    }

    @Override
    public void progress(String message, Double fraction) {
        reports.add(new Report(message, fraction));
    }

    @Override
    public synchronized boolean cancelled() {
        return (cancelAfter >= 0 && checks++ >= cancelAfter) || cancelWhen.test(reports);
    }

    @Override
    public Map<String, String> session() {
        return session;
    }

    @Override
    public Path quarantine() {
        if (quarantine == null) {
            throw new AssertionError("the action asked for a quarantine this context does not have");
        }
        return quarantine;
    }

    @Override
    public synchronized void undoWith(String action, Record params) {
        if (!inverses) {
            throw new AssertionError("a read-only action registered an inverse: " + action);
        }
        if (inverse != null) {
            throw new IllegalStateException("undoWith called twice");
        }
        inverse = new Inverse(action, params);
    }

    /** the progress messages reported, in order. */
    public List<String> progress() {
        return reports.stream().map(Report::message).toList();
    }

    /** the progress reports, with their fractions, in order. */
    public List<Report> reports() {
        return List.copyOf(reports);
    }

    /** the inverse recorded, or null. */
    public synchronized Inverse inverse() {
        return inverse;
    }
}
