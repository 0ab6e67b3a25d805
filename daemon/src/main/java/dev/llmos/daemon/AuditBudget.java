package dev.llmos.daemon;

import dev.llmos.protocol.RpcException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * how many audit bytes each uid other than root may add: a bucket of {@code capacity} bytes per
 * uid that refills evenly over {@link Limits#auditWindow()}. records are charged after they are
 * written (a charge may take the bucket below zero, so no record is ever dropped); while a uid's
 * bucket is empty its audited requests are refused before they reach policy, so they write
 * nothing. other users' buckets are untouched: a flood costs only the one who floods.
 */
final class AuditBudget {
    private final Limits limits;
    private final String key;
    private final long capacity;
    private final String what;
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

    /**
     * @param key the limit's key in {@code [limits]}
     * @param capacity its value: the bucket's size
     * @param what the requests it counts, for the message
     */
    AuditBudget(Limits limits, String key, long capacity, String what, InstantSource clock) {
        this.limits = limits;
        this.key = key;
        this.capacity = capacity;
        this.what = what;
        this.clock = clock;
    }

    private double perNano() {
        return (double) capacity / limits.auditWindow().toNanos();
    }

    private long now() {
        return Duration.between(Instant.EPOCH, clock.instant()).toNanos();
    }

    /** the bucket of {@code uid} refilled up to now. */
    private Bucket refilled(int uid, long now) {
        Bucket bucket = buckets.computeIfAbsent(uid, id -> new Bucket(capacity, now));
        bucket.available = Math.min(capacity, bucket.available + (now - bucket.updatedNanos) * perNano());
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
        throw limits.exceeded(key, capacity, "uid " + uid + " has filled its share of the audit log with " + what
                + " (it refills over " + limits.auditWindow().toSeconds() + " s); try again in " + retry + " s", retry);
    }

    /** charges {@code bytes} of a written record to {@code uid}. */
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

    long capacity() {
        return capacity;
    }

    /** drops buckets that have refilled completely, so memory follows the users who spend, not all who ever did. */
    private void forgetFull(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket bucket = it.next();
            if (bucket.available + (now - bucket.updatedNanos) * perNano() >= capacity) {
                it.remove();
            }
        }
    }
}
