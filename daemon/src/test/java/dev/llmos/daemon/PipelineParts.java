package dev.llmos.daemon;

import dev.llmos.action.Caller;
import dev.llmos.audit.AuditLog;
import dev.llmos.audit.AuditOptions;
import dev.llmos.audit.AuditRecord;
import dev.llmos.policy.PolicyStore;
import dev.llmos.posix.Posix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * the pipeline with its real parts, for the daemon's unit tests: a policy file that denies
 * {@code test.touch} under {@code files/denied} (writes ask by default) and runs {@code test.peek} as root
 * under {@code files/elevated}, the hash-chained audit
 * log on disk, confirmation tokens on a clock the test moves ({@link #later}), and this process as
 * the caller (actions run in it, in-process).
 */
final class PipelineParts implements AutoCloseable {
    private final Instant[] now = {Instant.parse("2026-12-06T10:00:00Z")};
    final InstantSource clock = () -> now[0];
    final Caller me = Callers.forUid(Posix.getuid(), Posix.getgid(), ProcessHandle.current().pid());
    final Path state;
    final Path files;
    final Path policyFile;
    final AuditLog audit;
    final CallerRunner runner;
    final Confirmations confirmations;
    final ActionPipeline pipeline;

    PipelineParts(Path dir) throws Exception {
        state = Files.createDirectories(dir.resolve("state"));
        files = Files.createDirectories(dir.resolve("files")).toRealPath();
        Files.createDirectories(files.resolve("denied"));
        policyFile = dir.resolve("policy.toml");
        Files.writeString(policyFile, """
                [[rule]]
                id = "no-touch-here"
                actions = ["test.touch"]
                paths = ["%s/denied/**"]
                decision = "deny"
                reason = "nothing is created in denied"

                [[rule]]
                id = "peek-elevated"
                actions = ["test.peek"]
                paths = ["%s/elevated/**"]
                run_as = "root"
                decision = "allow"
                reason = "a read a rule elevates"
                """.formatted(files, files));
        Files.createDirectories(files.resolve("elevated"));
        // an unsynced record waits for the next synced one (no timer within a test), so a test sees which are which
        audit = AuditLog.open(state.resolve("audit"), clock, AuditOptions.DEFAULTS.withUnsyncedAtMost(Duration.ofHours(1)));
        runner = new CallerRunner(Posix.getuid(), new ExecutorPool(List.of(), Duration.ofMinutes(1)));
        confirmations = new Confirmations(new ConfirmTokens(clock, Duration.ofMinutes(5), 64));
        pipeline = new ActionPipeline(runner, PolicyStore.open(policyFile, dir.resolve("policy.d")), audit,
                confirmations, new Quarantines(state), new UndoJournal(state, clock), new TxIds(clock),
                new Leases(state, clock));
    }

    /** moves the clock on by {@code duration}. */
    void later(Duration duration) {
        now[0] = now[0].plus(duration);
    }

    AuditRecord lastRecord() throws Exception {
        return audit.tail(1, null).getLast();
    }

    /** the seq of the last record the head file on disk names: the last synced one. */
    long syncedSeq() throws Exception {
        Matcher matcher = Pattern.compile("\\{\"seq\":(\\d+),").matcher(Files.readString(state.resolve("audit/audit.head")));
        if (!matcher.lookingAt()) {
            throw new IllegalStateException("no seq in the head file");
        }
        return Long.parseLong(matcher.group(1));
    }

    @Override
    public void close() throws Exception {
        runner.close();
        audit.close();
    }
}
