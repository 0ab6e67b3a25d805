package dev.llmos.daemon;

import dev.llmos.protocol.RpcException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * how many audit bytes each uid other than root may add with requests that change nothing (denied,
 * unconfirmed, refused confirmations, dry runs): a bucket of {@link Limits#auditUnconfirmedBytes()}
 * per uid that refills evenly over {@link Limits#auditUnconfirmedWindow()}. every such record is
 * charged after it is written (it may take the bucket below zero); while a uid's bucket is empty its
 * requests are refused before they reach policy, so they write nothing. other users' buckets are
 * untouched: a flood costs only the one who floods.
 */
final class AuditBudget {
    private final Limits limits;
    private final InstantSource clock;
    /** per uid: bytes available, which may be negative, as of {@code updatedNanos}. */
    private final Map<Integer, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double available;
        long updatedNanos;

        Bucket(double available, long updatedNanos) {
            this.available = available;
            this.updatedNanos = updatedNanos;
        }
    }

    AuditBudget(Limits limits, InstantSource clock) {
        this.limits = limits;
        this.clock = clock;
    }

    private double perNano() {
        return (double) limits.auditUnconfirmedBytes() / limits.auditUnconfirmedWindow().toNanos();
    }

    private long now() {
        Duration since = Duration.between(java.time.Instant.EPOCH, clock.instant());
        return since.toNanos();
    }

    /** the bucket of {@code uid} refilled up to now. */
    private Bucket refilled(int uid, long now) {
        Bucket bucket = buckets.computeIfAbsent(uid, key -> new Bucket(limits.auditUnconfirmedBytes(), now));
        bucket.available = Math.min(limits.auditUnconfirmedBytes(),
                bucket.available + (now - bucket.updatedNanos) * perNano());
        bucket.updatedNanos = now;
        return bucket;
    }

    /** refuses when {@code uid}'s budget is spent, saying when it will have refilled enough. */
    synchronized void check(int uid) throws RpcException {
        if (uid == 0) {
            return;
        }
        Bucket bucket = refilled(uid, now());
        if (bucket.available > 0) {
            return;
        }
        long retry = (long) Math.ceil((1 - bucket.available) / perNano() / 1e9);
        throw limits.exceeded("audit_unconfirmed_bytes", limits.auditUnconfirmedBytes(), "uid " + uid
                + " has filled its share of the audit log with requests that changed nothing (denied, unconfirmed or"
                + " dry runs; it refills over " + limits.auditUnconfirmedWindow().toSeconds() + " s); try again in "
                + retry + " s", retry);
    }

    /** charges {@code bytes} of a record that changed nothing to {@code uid}. */
    synchronized void charge(int uid, long bytes) {
        if (uid == 0) {
            return;
        }
        long now = now();
        refilled(uid, now).available -= bytes;
        forgetFull(now);
    }

    /** bytes {@code uid} may still add before its requests are refused. */
    synchronized long remaining(int uid) {
        return uid == 0 ? Long.MAX_VALUE : (long) Math.max(0, refilled(uid, now()).available);
    }

    /** drops buckets that have refilled completely, so memory follows the users who spend, not all who ever did. */
    private void forgetFull(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket bucket = it.next();
            if (bucket.available + (now - bucket.updatedNanos) * perNano() >= limits.auditUnconfirmedBytes()) {
                it.remove();
            }
        }
    }
}
