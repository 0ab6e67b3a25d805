package dev.llmos.actions.packages;

import dev.llmos.action.ActionContext;
import dev.llmos.action.Caller;
import dev.llmos.action.testkit.TestContext;
import dev.llmos.posix.ResolvedPath;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * a test context that keeps each progress report with its fraction (the shared test context keeps
 * messages only), and plays a client that cancels once the reports so far satisfy a condition.
 */
final class Recording implements ActionContext {
    /** one progress notification. */
    record Report(String message, Double fraction) {
    }

    private final TestContext base;
    private final Predicate<List<Report>> cancelWhen;
    private final List<Report> reports = new CopyOnWriteArrayList<>();

    Recording(Path quarantine, Predicate<List<Report>> cancelWhen) {
        this.base = TestContext.withQuarantine(quarantine);
        this.cancelWhen = cancelWhen;
    }

    Recording(Path quarantine) {
        this(quarantine, reports -> false);
    }

    @Override
    public Caller caller() {
        return base.caller();
    }

    @Override
    public Map<String, String> session() {
        return base.session();
    }

    @Override
    public Optional<ResolvedPath> path(String param) {
        // the package actions have no path params
        return Optional.empty();
    }

    @Override
    public boolean elevated() {
        return true;
    }

    @Override
    public void progress(String message, Double fraction) {
        reports.add(new Report(message, fraction));
    }

    @Override
    public boolean cancelled() {
        return cancelWhen.test(reports);
    }

    @Override
    public Path quarantine() {
        return base.quarantine();
    }

    @Override
    public void undoWith(String action, Record params) {
        base.undoWith(action, params);
    }

    List<Report> reports() {
        return reports;
    }

    TestContext.Inverse inverse() {
        return base.inverse();
    }
}
