package dev.llmos.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * how a log rotates, what it keeps and where it anchors its chain.
 *
 * @param rotateBytes roll to a new segment before a write would take the active one past this size
 * @param retainBytes when the segments together pass this size, the oldest whole segments are
 *     dropped (never the active one) after a checkpoint records where the kept chain starts; 0
 *     keeps everything
 * @param anchor where points of the chain are kept outside the log's files
 * @param anchorInterval the least time between two anchor points written because records came in
 * @param unsyncedAtMost the longest an {@link AuditLog#appendUnsynced unsynced} record waits for an fdatasync:
 *     when no synced append covers it sooner, the log syncs it itself after this long
 */
public record AuditOptions(long rotateBytes, long retainBytes, AuditAnchor anchor, Duration anchorInterval,
                           Duration unsyncedAtMost) {
    /** the longest an unsynced record waits for an fdatasync unless told otherwise. */
    public static final Duration UNSYNCED_AT_MOST = Duration.ofMillis(200);
    /** 64 mib segments, everything kept, no anchor, unsynced records synced within 200 ms. */
    public static final AuditOptions DEFAULTS = new AuditOptions(AuditLog.DEFAULT_ROTATE_BYTES, 0, AuditAnchor.NONE,
            Duration.ofSeconds(5), UNSYNCED_AT_MOST);

    public AuditOptions {
        if (rotateBytes <= 0) {
            throw new IllegalArgumentException("rotateBytes must be positive");
        }
        if (retainBytes < 0 || (retainBytes > 0 && retainBytes < 2 * rotateBytes)) {
            throw new IllegalArgumentException("retainBytes is 0 (keep everything) or at least two segments ("
                    + 2 * rotateBytes + " bytes), not " + retainBytes);
        }
        Objects.requireNonNull(anchor, "anchor");
        if (anchorInterval.isNegative()) {
            throw new IllegalArgumentException("anchorInterval must not be negative");
        }
        if (unsyncedAtMost.isNegative()) {
            throw new IllegalArgumentException("unsyncedAtMost must not be negative");
        }
    }

    public AuditOptions withRotateBytes(long bytes) {
        return new AuditOptions(bytes, retainBytes, anchor, anchorInterval, unsyncedAtMost);
    }

    public AuditOptions withRetainBytes(long bytes) {
        return new AuditOptions(rotateBytes, bytes, anchor, anchorInterval, unsyncedAtMost);
    }

    public AuditOptions withAnchor(AuditAnchor newAnchor, Duration interval) {
        return new AuditOptions(rotateBytes, retainBytes, newAnchor, interval, unsyncedAtMost);
    }

    public AuditOptions withUnsyncedAtMost(Duration most) {
        return new AuditOptions(rotateBytes, retainBytes, anchor, anchorInterval, most);
    }
}
