package dev.llmos.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * the tamper-evident record of every request that reached policy: append-only json lines in
 * numbered segment files, each record carrying the sha-256 of the one before it (see
 * {@link AuditRecord}), plus a head file with the last committed seq and hash.
 *
 * <p>{@link #append(AuditEntry)} returns only once the record is on disk (fdatasync);
 * {@link #appendUnsynced(AuditEntry)}, for records of requests without effect, once it is written
 * (synced with the next append, or within {@link AuditOptions#unsyncedAtMost()}). concurrent
 * appenders share fsyncs (group commit): one of them writes and syncs everything queued so far
 * while the others wait, so the fsync rate, not the append rate, bounds throughput.
 *
 * <p>retention ({@link AuditOptions#retainBytes()}) drops the oldest whole segments behind a
 * checkpoint, so {@link #verify()} still proves that the kept records link to each other and to the
 * last dropped one; an anchor ({@link AuditAnchor}) outside the log's files catches records cut
 * from either end together with a rewritten head file or checkpoint.
 *
 * <p>on open, bytes after the last newline (a record torn by a crash mid-write, never
 * acknowledged) are truncated, and the head file is checked against the log's last records. when
 * they disagree (records removed from the end, a missing or replaced head), the log opens sealed:
 * {@link #verify()} and {@link #tail(int, Integer)} work and report the problem, and every append
 * fails, so a daemon that must audit before acting refuses to act until an administrator moves the
 * broken log aside. the same holds after an i/o error while writing.
 */
public interface AuditLog extends AutoCloseable {
    /** the segment size past which the log rolls to a new file. */
    long DEFAULT_ROTATE_BYTES = 64L * 1024 * 1024;

    /**
     * opens or creates the log in {@code dir} (created with owner-only permissions), holding an
     * exclusive lock on it until {@link #close()}.
     *
     * @param clock the source of record times
     * @param options rotation, retention and anchor
     */
    static AuditLog open(Path dir, InstantSource clock, AuditOptions options) throws IOException {
        return FileAuditLog.open(dir, clock, options);
    }

    /** as {@link #open(Path, InstantSource, AuditOptions)}, rolling to a new segment past {@code rotateBytes}. */
    static AuditLog open(Path dir, InstantSource clock, long rotateBytes) throws IOException {
        return open(dir, clock, AuditOptions.DEFAULTS.withRotateBytes(rotateBytes));
    }

    static AuditLog open(Path dir, InstantSource clock) throws IOException {
        return open(dir, clock, AuditOptions.DEFAULTS);
    }

    /**
     * records {@code entry}; returns once it is durable.
     *
     * @throws AuditException when the log is closed or sealed
     */
    AuditRecord append(AuditEntry entry) throws IOException;

    /**
     * records {@code entry} of a request that changed nothing and sent nothing off this machine;
     * returns once the record is written to the kernel, before it is synced to the device. a killed
     * daemon loses nothing of it; a crash of the machine may, but only within
     * {@link AuditOptions#unsyncedAtMost()} (200 ms unless configured) and only while no {@link #append} came after it: the next synced
     * append's fdatasync covers every byte before it. the head file and the anchor name only synced
     * records, so a chain that lost unsynced records from its end still opens and verifies.
     *
     * @throws AuditException when the log is closed or sealed
     */
    AuditRecord appendUnsynced(AuditEntry entry) throws IOException;

    /**
     * the last {@code limit} committed records, oldest first, newest last; with {@code uid} only
     * that caller's records. lines that are not readable records are skipped ({@link #verify()}
     * reports them).
     */
    List<AuditRecord> tail(int limit, Integer uid) throws IOException;

    /**
     * why appends are refused, when the log sealed itself (at open, or after a write failed);
     * empty when it is healthy. the daemon should report this at start and in its status.
     */
    Optional<String> sealed();

    /** walks the whole committed chain, every segment in order, and the head file. */
    VerifyResult verify() throws IOException;

    /** waits for queued records to be durable, then releases the files and the lock. */
    @Override
    void close() throws IOException;
}
