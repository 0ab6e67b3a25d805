package dev.llmos.audit;

import dev.llmos.audit.HeadFile.Head;
import dev.llmos.audit.Segments.Segment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * the file-backed log with group commit, without a writer thread. an appender takes the next seq
 * and the time under a short lock and queues its entry. then, if no one is writing, it becomes
 * the leader: it takes the whole queue, encodes and chains the records (the cpu work happens here,
 * outside the lock, on one thread), writes them with one positional write and one fdatasync,
 * updates the head file, and unparks the appenders whose records are now durable. those return
 * without touching any lock (the durable seq is volatile), so a commit does not become a convoy of
 * threads re-acquiring a lock one by one. appenders that queued during the write park until the
 * leader, done, unparks the oldest of them to lead the next batch.
 *
 * <p>a batch of only unsynced entries ({@link #appendUnsynced}) is written without the fdatasync and
 * without touching the head file: its appenders return once the bytes are in the kernel. the next
 * synced batch's fdatasync covers them (it syncs the whole file), and when none comes within
 * {@link AuditOptions#unsyncedAtMost()} a short-lived virtual thread syncs them itself. the head file and
 * the anchor only ever name synced records, so a machine crash that loses unsynced records from the
 * end of the chain leaves a log that opens and verifies.
 */
final class FileAuditLog implements AuditLog {
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    /**
     * what is durable: the segments with their committed sizes, and the head they end at.
     *
     * @param head the last committed record; null only when a sealed log found none readable
     */
    private record Committed(List<Segment> segments, Head head, Checkpoint checkpoint) {
    }

    /** an entry waiting to be written, and the appender waiting for it. */
    private static final class Queued {
        final long seq;
        final Instant time;
        final AuditEntry entry;
        /** whether the appender waits for the fdatasync, or only for the write. */
        final boolean sync;
        final Thread thread;
        /** set by the leader before the record becomes durable. */
        AuditRecord record;

        Queued(long seq, Instant time, AuditEntry entry, boolean sync, Thread thread) {
            this.seq = seq;
            this.time = time;
            this.entry = entry;
            this.sync = sync;
            this.thread = thread;
        }
    }

    private final Path dir;
    private final InstantSource clock;
    private final AuditOptions options;
    private final FileChannel headChannel;
    private final HeadFile headFile;

    /** guards seq assignment, the queue, the closed flag and the committed snapshot; held only briefly. */
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    private long lastSeq;
    private boolean closed;
    private Committed committed;
    /** why the open check sealed the log, or null. */
    private String sealedAtOpen;
    private volatile long durableSeq;
    /** the last seq written to the segment, synced or not; at least {@link #durableSeq}. */
    private volatile long writtenSeq;
    /** whether a thread is waiting to sync unsynced records. */
    private final AtomicBoolean syncPending = new AtomicBoolean();
    private volatile AuditException failure;

    /** held by the leader while it encodes and writes a batch; guards the fields below. */
    private final ReentrantLock writing = new ReentrantLock();
    private final MessageDigest sha = RecordCodec.sha256();
    /** the hash of the last record encoded. */
    private String chainHash;
    /** the segment being appended to; null once closed. */
    private FileChannel active;
    /** where the kept chain starts. */
    private Checkpoint checkpoint = Checkpoint.NONE;
    /** the hash of the chain's first record; empty until there is one. */
    private volatile String chain = "";
    /** when the last anchor point was written, from {@link System#nanoTime()}. */
    private long anchoredNanos;
    /** why the last anchor write failed, or null. */
    private volatile String anchorFailure;

    private FileAuditLog(Path dir, InstantSource clock, AuditOptions options, FileChannel headChannel) {
        this.dir = dir;
        this.clock = clock;
        this.options = options;
        this.headChannel = headChannel;
        this.headFile = new HeadFile(headChannel);
    }

    static AuditLog open(Path dir, InstantSource clock, AuditOptions options) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PRIVATE_DIR);
        }
        FileChannel headChannel = FileChannel.open(dir.resolve(HeadFile.NAME),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE), PRIVATE_FILE);
        try {
            FileLock held = tryLock(headChannel);
            if (held == null) {
                throw new AuditException("another process has the audit log in " + dir + " open");
            }
            FileAuditLog log = new FileAuditLog(dir, clock, options, headChannel);
            log.recover();
            return log;
        } catch (IOException | RuntimeException e) {
            headChannel.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** brings the files to a consistent state, or seals the log saying why it cannot. */
    private void recover() throws IOException {
        try {
            checkpoint = Checkpoint.read(dir);
        } catch (AuditException e) {
            seal(e.getMessage(), Segments.list(dir), headFile.read());
            return;
        }
        List<Segment> segments = dropRetained(Segments.list(dir));
        Head stored = headFile.read();
        boolean created = false;
        if (segments.isEmpty()) {
            segments = List.of(createSegment(checkpoint.segment()));
            if (stored == null && checkpoint == Checkpoint.NONE) {
                stored = Head.EMPTY;
                headFile.write(stored);
                headFile.force();
                created = true;
            }
        }
        segments = dropTornTail(segments);
        Tip tip = new Tip(checkpoint.seq(), checkpoint.hash());
        for (Segment segment : segments.reversed()) {
            if (!Segments.backward(segment, tip)) {
                break;
            }
        }
        chain = checkpoint.chain().isEmpty() ? firstHash(segments.getFirst()) : checkpoint.chain();
        String problem = problem(segments, stored, tip);
        if (problem == null && !created) {
            List<Segment> found = segments;
            AnchorCheck.Mismatch mismatch = anchorMismatch(tip.seq, seq -> hashOf(found, checkpoint, seq));
            problem = mismatch == null ? null : mismatch.reason();
        }
        if (problem != null) {
            seal(problem, segments, stored);
            return;
        }
        Head head = new Head(tip.seq, tip.hash);
        if (!head.equals(stored)) {
            headFile.write(head);
            headFile.force();
        }
        lastSeq = head.seq();
        chainHash = head.hash();
        durableSeq = head.seq();
        writtenSeq = head.seq();
        committed = new Committed(segments, head, checkpoint);
        active = FileChannel.open(segments.getLast().path(), StandardOpenOption.WRITE);
        anchor(created ? "created" : "open", head);
    }

    private void seal(String problem, List<Segment> segments, Head stored) {
        sealedAtOpen = problem;
        failure = new AuditException("the audit log in " + dir + " failed its check on open: " + problem
                + "; verify it, then move it aside to start a new chain");
        committed = new Committed(segments, stored, checkpoint);
    }

    /**
     * removes segments the checkpoint says were dropped (retention was interrupted between the
     * checkpoint and the removal) and returns the rest.
     */
    private List<Segment> dropRetained(List<Segment> segments) throws IOException {
        List<Segment> kept = new ArrayList<>();
        for (Segment segment : segments) {
            if (segment.number() < checkpoint.segment()) {
                Files.deleteIfExists(segment.path());
            } else {
                kept.add(segment);
            }
        }
        if (kept.size() != segments.size()) {
            Segments.syncDirectory(dir);
        }
        return kept;
    }

    /** the hash of the first record of {@code segment}, or empty when it has none. */
    private static String firstHash(Segment segment) throws IOException {
        String[] found = {""};
        Segments.forward(segment, (buf, off, len) -> {
            String hash = RecordCodec.storedHash(buf, off, len);
            found[0] = hash == null ? "" : hash;
            return false;
        });
        return found[0];
    }

    /** the log against its anchor's latest point, or null when they agree or there is no point. */
    private AnchorCheck.Mismatch anchorMismatch(long last, AnchorCheck.Hashes hashes) throws IOException {
        Optional<AuditAnchor.Point> point = latestAnchored();
        return point.isEmpty() ? null : AnchorCheck.check(point.get(), options.anchor().describe(), chain,
                checkpoint.retainedFrom(), last, hashes);
    }

    private Optional<AuditAnchor.Point> latestAnchored() {
        try {
            return options.anchor().latest(dir.toString());
        } catch (IOException e) {
            anchorFailure = "reading the anchor failed: " + e.getMessage();
            return Optional.empty();
        }
    }

    /** writes an anchor point for {@code head}; a failure is kept for {@link #verify()} to report. */
    private void anchor(String event, Head head) {
        anchoredNanos = System.nanoTime();
        if (options.anchor() == AuditAnchor.NONE) {
            return;
        }
        try {
            options.anchor().write(new AuditAnchor.Point(dir.toString(), chain, head.seq(), head.hash(),
                    checkpoint.retainedFrom(), event, clock.instant()));
            anchorFailure = null;
        } catch (IOException | RuntimeException e) {
            anchorFailure = "writing to the anchor failed: " + e.getMessage();
        }
    }

    /** truncates bytes after the last newline of the last segment: a record torn by a crash, never acknowledged. */
    private static List<Segment> dropTornTail(List<Segment> segments) throws IOException {
        Segment last = segments.getLast();
        long clean = Segments.completeLength(last);
        if (clean == last.size()) {
            return segments;
        }
        try (FileChannel channel = FileChannel.open(last.path(), StandardOpenOption.WRITE)) {
            channel.truncate(clean);
            channel.force(true);
        }
        List<Segment> out = new ArrayList<>(segments);
        out.set(out.size() - 1, last.withSize(clean));
        return List.copyOf(out);
    }

    /** the last record of the log, found by reading backwards. */
    private static final class Tip implements Segments.LineVisitor {
        long seq;
        String hash;
        boolean damaged;

        /** the tip of a log without records: where its checkpoint says the chain stands. */
        Tip(long seq, String hash) {
            this.seq = seq;
            this.hash = hash;
        }

        @Override
        public boolean line(byte[] buf, int off, int len) {
            hash = RecordCodec.storedHash(buf, off, len);
            try {
                seq = RecordCodec.link(buf, off, len).seq();
            } catch (IOException e) {
                seq = -1;
            }
            damaged = hash == null || seq < 1;
            return false;
        }
    }

    /** why the head file and the end of the log disagree, or null when they agree. */
    private String problem(List<Segment> segments, Head stored, Tip tip) throws IOException {
        if (tip.damaged) {
            return "its last record is damaged";
        }
        if (stored == null) {
            return tip.seq == 0 ? null : "the head file is missing or unreadable";
        }
        if (tip.seq < stored.seq()) {
            return "the log ends at seq " + tip.seq + " but the head file says " + stored.seq()
                    + " were committed: records were removed from the end";
        }
        String hashAtHead = tip.seq == stored.seq() ? tip.hash : hashOf(segments, checkpoint, stored.seq());
        return stored.hash().equals(hashAtHead) ? null
                : "the record at seq " + stored.seq() + " does not match the head file";
    }

    /** the stored hash of the record with {@code seq} (the checkpoint's for its seq), or null when it is not found. */
    private static String hashOf(List<Segment> segments, Checkpoint checkpoint, long seq) throws IOException {
        if (seq == checkpoint.seq()) {
            return checkpoint.hash();
        }
        String[] found = {null};
        for (Segment segment : segments.reversed()) {
            boolean more = Segments.backward(segment, (buf, off, len) -> {
                long at;
                try {
                    at = RecordCodec.link(buf, off, len).seq();
                } catch (IOException e) {
                    return false;
                }
                if (at == seq) {
                    found[0] = RecordCodec.storedHash(buf, off, len);
                }
                return at > seq;
            });
            if (!more) {
                break;
            }
        }
        return found[0];
    }

    private Segment createSegment(int number) throws IOException {
        Path path = Segments.path(dir, number);
        FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), PRIVATE_FILE).close();
        Segments.syncDirectory(dir);
        return new Segment(number, path, 0);
    }

    @Override
    public AuditRecord append(AuditEntry entry) throws IOException {
        return add(entry, true);
    }

    @Override
    public AuditRecord appendUnsynced(AuditEntry entry) throws IOException {
        return add(entry, false);
    }

    private AuditRecord add(AuditEntry entry, boolean sync) throws IOException {
        Objects.requireNonNull(entry, "entry");
        Queued queued;
        lock.lock();
        try {
            requireUsable();
            queued = new Queued(lastSeq + 1, clock.instant(), entry, sync, Thread.currentThread());
            lastSeq = queued.seq;
            queue.addLast(queued);
        } finally {
            lock.unlock();
        }
        awaitRecorded(queued);
        return queued.record;
    }

    private void requireUsable() throws AuditException {
        AuditException failed = failure;
        if (failed != null) {
            throw new AuditException(failed.getMessage(), failed);
        }
        if (closed) {
            throw new AuditException("the audit log in " + dir + " is closed");
        }
    }

    /** leads a batch or parks until {@code queued} is durable (synced), or written when it need not be synced. */
    private void awaitRecorded(Queued queued) throws AuditException {
        while (recorded(queued) < queued.seq) {
            AuditException failed = failure;
            if (failed != null) {
                throw new AuditException(failed.getMessage(), failed);
            }
            if (writing.tryLock()) {
                try {
                    if (recorded(queued) < queued.seq) {
                        writeBatch();
                    }
                } finally {
                    writing.unlock();
                }
                handOver();
            } else {
                LockSupport.park(this);
            }
        }
    }

    /** how far the log is as {@code queued} needs it: synced, or only written. */
    private long recorded(Queued queued) {
        return queued.sync ? durableSeq : writtenSeq;
    }

    /** wakes the oldest appender still queued, if any, to lead the next batch. */
    private void handOver() {
        lock.lock();
        try {
            Queued next = queue.peekFirst();
            if (next != null) {
                LockSupport.unpark(next.thread);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * encodes, writes and (unless every entry is unsynced) syncs every queued entry as one batch, then
     * wakes their appenders;
     * called holding {@link #writing}. any failure seals the log: what reached the disk is
     * unknown, so nothing more may be appended behind it.
     */
    private void writeBatch() {
        List<Queued> batch;
        List<Segment> segments;
        lock.lock();
        try {
            batch = List.copyOf(queue);
            queue.clear();
            segments = committed.segments();
        } finally {
            lock.unlock();
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            ByteArrayOutputStream lines = new ByteArrayOutputStream(batch.size() * 512);
            for (Queued queued : batch) {
                RecordCodec.Encoded encoded = RecordCodec.encode(queued.seq, queued.time, queued.entry, chainHash, sha);
                queued.record = encoded.record();
                chainHash = encoded.record().hash();
                lines.writeBytes(encoded.line());
            }
            Head target = new Head(batch.getLast().seq, chainHash);
            if (chain.isEmpty() && batch.getFirst().seq == 1) {
                chain = batch.getFirst().record.hash();
            }
            boolean sync = batch.stream().anyMatch(queued -> queued.sync);
            Written written = write(lines.toByteArray(), target, segments, sync);
            lock.lock();
            try {
                committed = new Committed(written.segments(), target, checkpoint);
            } finally {
                lock.unlock();
            }
            writtenSeq = target.seq();
            if (written.synced()) {
                synced(target);
            } else if (syncPending.compareAndSet(false, true)) {
                Thread.ofVirtual().name("audit-sync").start(this::syncLater);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
        batch.forEach(queued -> LockSupport.unpark(queued.thread));
    }

    /** after an fdatasync that covers {@code head}: its records are durable; anchors now and then. */
    private void synced(Head head) {
        durableSeq = head.seq();
        if (System.nanoTime() - anchoredNanos >= options.anchorInterval().toNanos()) {
            anchor("interval", head);
        }
    }

    /** seals the log after a failed write or sync: what reached the disk is unknown. */
    private void fail(Exception e) {
        lock.lock();
        try {
            failure = new AuditException("writing the audit log in " + dir + " failed, so it is sealed: " + e, e);
            queue.forEach(queued -> LockSupport.unpark(queued.thread));
        } finally {
            lock.unlock();
        }
    }

    /**
     * syncs unsynced records no synced batch has covered within {@link AuditOptions#unsyncedAtMost()}: the
     * most a machine crash can lose of them.
     */
    private void syncLater() {
        long most = options.unsyncedAtMost().toNanos();
        long deadline = System.nanoTime() + most;
        for (long left = most; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
        syncPending.set(false);
        writing.lock();
        try {
            if (active != null && failure == null && durableSeq < writtenSeq) {
                syncWritten();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        } finally {
            writing.unlock();
        }
        // appenders that found the log busy while this thread synced are parked: the oldest leads next
        handOver();
    }

    /** syncs the records written since the last sync and names the last of them in the head file; holding {@link #writing}. */
    private void syncWritten() throws IOException {
        Head head = snapshot().head();
        active.force(false);
        headFile.write(head);
        synced(head);
    }

    /**
     * the segments after a write, and whether it was synced.
     *
     * @param segments every segment with its size after the write
     * @param synced whether the fdatasync ran (the batch needed it, or the log rotated)
     */
    private record Written(List<Segment> segments, boolean synced) {
    }

    private Written write(byte[] batch, Head target, List<Segment> segments, boolean sync) throws IOException {
        List<Segment> out = new ArrayList<>(segments);
        Segment current = out.getLast();
        boolean rotated = current.size() > 0 && current.size() + batch.length > options.rotateBytes();
        if (rotated) {
            // unsynced records of the segment being closed become durable before any record after them
            active.force(false);
            active.close();
            current = createSegment(current.number() + 1);
            active = FileChannel.open(current.path(), StandardOpenOption.WRITE);
            out.add(current);
        }
        ByteBuffer buf = ByteBuffer.wrap(batch);
        long position = current.size();
        while (buf.hasRemaining()) {
            position += active.write(buf, position);
        }
        out.set(out.size() - 1, current.withSize(position));
        if (!sync && !rotated) {
            // the head file names only synced records: it never runs ahead of what a crash keeps
            return new Written(List.copyOf(out), false);
        }
        active.force(false);
        headFile.write(target);
        if (rotated) {
            headFile.force();
            anchor("rotate", target);
            return new Written(retain(out, target), true);
        }
        return new Written(List.copyOf(out), true);
    }

    /**
     * drops the oldest whole segments while the log is larger than the retention allows, never
     * the active one: first the anchor learns where the kept chain will start, then the
     * checkpoint says so, then the files go. a crash in between leaves a checkpoint that open
     * finishes (it removes the segments before it).
     */
    private List<Segment> retain(List<Segment> segments, Head head) throws IOException {
        long total = segments.stream().mapToLong(Segment::size).sum();
        int drop = 0;
        while (options.retainBytes() > 0 && drop < segments.size() - 1 && total > options.retainBytes()) {
            total -= segments.get(drop).size();
            drop++;
        }
        if (drop == 0) {
            return List.copyOf(segments);
        }
        Tip end = new Tip(checkpoint.seq(), checkpoint.hash());
        Segments.backward(segments.get(drop - 1), end);
        if (end.damaged) {
            // the chain cannot be cut at a damaged record; verify reports it, and nothing is dropped
            return List.copyOf(segments);
        }
        Checkpoint next = new Checkpoint(segments.get(drop).number(), end.seq, end.hash, chain);
        checkpoint = next;
        anchor("retention", head);
        next.write(dir);
        for (Segment gone : segments.subList(0, drop)) {
            Files.deleteIfExists(gone.path());
        }
        Segments.syncDirectory(dir);
        return List.copyOf(segments.subList(drop, segments.size()));
    }

    @Override
    public Optional<String> sealed() {
        AuditException failed = failure;
        if (failed == null) {
            return Optional.empty();
        }
        return Optional.of(sealedAtOpen != null ? sealedAtOpen : failed.getMessage());
    }

    private Committed snapshot() {
        lock.lock();
        try {
            return committed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<AuditRecord> tail(int limit, Integer uid) throws IOException {
        List<AuditRecord> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        for (Segment segment : snapshot().segments().reversed()) {
            boolean more = Segments.backward(segment, (buf, off, len) -> {
                try {
                    AuditRecord record = RecordCodec.decode(buf, off, len);
                    if (uid == null || record.entry().caller().uid() == uid) {
                        out.add(record);
                    }
                } catch (IOException e) {
                    // not a readable record; verify reports it
                }
                return out.size() < limit;
            });
            if (!more) {
                break;
            }
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public VerifyResult verify() throws IOException {
        // the anchor first: it never names more than is committed, so the snapshot taken after it
        // holds at least what it names
        Optional<AuditAnchor.Point> anchored = latestAnchored();
        Committed snapshot = snapshot();
        VerifyResult result = Verifier.verify(snapshot.segments(), snapshot.head(), snapshot.checkpoint());
        if (options.anchor() == AuditAnchor.NONE) {
            return result;
        }
        String failed = anchorFailure;
        String found = anchored.map(point -> options.anchor().describe() + ": last point seq " + point.seq() + " ("
                + point.event() + " at " + point.time() + ")").orElse(options.anchor().describe() + ": no point yet")
                + (failed == null ? "" : "; " + failed);
        if (!result.ok() || anchored.isEmpty() || snapshot.head() == null) {
            return result.anchored(found);
        }
        AnchorCheck.Mismatch mismatch = AnchorCheck.check(anchored.get(), options.anchor().describe(), chain,
                snapshot.checkpoint().retainedFrom(), snapshot.head().seq(),
                seq -> hashOf(snapshot.segments(), snapshot.checkpoint(), seq));
        if (mismatch == null) {
            return result.anchored(found + ", matches");
        }
        return new VerifyResult(false, result.records(), mismatch.firstBad(), mismatch.reason(), result.retainedFrom(),
                found);
    }

    @Override
    public void close() throws IOException {
        long last;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            last = lastSeq;
        } finally {
            lock.unlock();
        }
        writing.lock();
        try {
            if (failure == null && durableSeq < last) {
                writeBatch();
            }
            if (failure == null && durableSeq < writtenSeq) {
                syncWritten();
            }
            if (failure == null) {
                headFile.force();
                anchor("close", snapshot().head());
            }
        } finally {
            try {
                if (active != null) {
                    active.close();
                    active = null;
                }
                headChannel.close();
            } finally {
                writing.unlock();
            }
        }
    }
}
