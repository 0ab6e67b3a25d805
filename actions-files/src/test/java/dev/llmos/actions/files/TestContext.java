package dev.llmos.actions.files;

import dev.llmos.action.ActionContext;
import dev.llmos.action.Caller;
import dev.llmos.posix.Posix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** an action context for the test process's own user, with a given quarantine, that captures the inverse. */
final class TestContext implements ActionContext {
    /** the inverse an action recorded. */
    record Inverse(String action, Record params) {
    }

    private final Path quarantine;
    private final List<String> progress = new ArrayList<>();
    private Inverse inverse;
    /** how many more times {@link #cancelled} says no; negative for never cancelled. */
    private int checksBeforeCancel;

    TestContext(Path quarantine) {
        this(quarantine, -1);
    }

    /** a context whose client cancels after the action has checked {@code checksBeforeCancel} times. */
    TestContext(Path quarantine, int checksBeforeCancel) {
        this.quarantine = quarantine;
        this.checksBeforeCancel = checksBeforeCancel;
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
        if (checksBeforeCancel < 0) {
            return false;
        }
        return checksBeforeCancel-- == 0;
    }

    @Override
    public Path quarantine() {
        return quarantine;
    }

    @Override
    public void undoWith(String action, Record params) {
        if (inverse != null) {
            throw new IllegalStateException("undoWith called twice");
        }
        inverse = new Inverse(action, params);
    }

    /** the inverse recorded, or null. */
    Inverse inverse() {
        return inverse;
    }
}
