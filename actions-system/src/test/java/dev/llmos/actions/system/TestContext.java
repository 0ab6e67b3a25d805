package dev.llmos.actions.system;

import dev.llmos.action.ActionContext;
import dev.llmos.action.Caller;
import dev.llmos.posix.Posix;
import java.util.ArrayList;
import java.util.List;

/** an action context for the test process's own user that records progress. */
public final class TestContext implements ActionContext {
    private final List<String> progress = new ArrayList<>();
    private final boolean cancelled;

    public TestContext() {
        this(false);
    }

    public TestContext(boolean cancelled) {
        this.cancelled = cancelled;
    }

    @Override
    public Caller caller() {
        int uid = Posix.getuid();
        String user = Posix.passwd(uid).map(Posix.Passwd::name).orElse(Integer.toString(uid));
        return new Caller(uid, Posix.getgid(), ProcessHandle.current().pid(), user, List.of(Posix.getgid()));
    }

    @Override
    public void progress(String message, Double fraction) {
        progress.add(message);
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    public List<String> progress() {
        return progress;
    }

    /** read-only actions displace nothing: asking for the quarantine is a bug. */
    @Override
    public java.nio.file.Path quarantine() {
        throw new AssertionError("a read-only action asked for the quarantine");
    }

    /** read-only actions have nothing to undo: registering an inverse is a bug. */
    @Override
    public void undoWith(String action, Record params) {
        throw new AssertionError("a read-only action registered an inverse: " + action);
    }
}
