package dev.llmos.daemon;

import dev.llmos.audit.AuditAnchor;
import dev.llmos.audit.AuditOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * the {@code [audit]} table of the daemon's configuration: segment size, retention and where the
 * chain is anchored (docs/limits.md).
 *
 * @param segmentBytes roll to a new segment file past this size
 * @param retainBytes drop the oldest segments behind a checkpoint past this total; 0 keeps all
 * @param anchor where points of the chain are kept outside the log's files
 * @param anchorFile the file for {@link AnchorKind#FILE} (and {@link AnchorKind#AUTO} without journald)
 * @param anchorInterval the least time between two points written because records came in
 */
record AuditSettings(long segmentBytes, long retainBytes, AnchorKind anchor, Path anchorFile, Duration anchorInterval) {
    /** journald's native protocol socket. */
    static final Path JOURNAL_SOCKET = Path.of("/run/systemd/journal/socket");

    /** where the anchor lives. */
    enum AnchorKind {
        /** the journal where journald listens, else the file. */
        AUTO,
        JOURNAL,
        FILE,
        NONE;

        static AnchorKind parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("[audit] anchor is auto, journal, file or none, not \"" + text + "\"");
            }
        }
    }

    AuditSettings {
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("[audit] segment_bytes is at least 4096");
        }
        if (retainBytes != 0 && retainBytes < 2 * segmentBytes) {
            throw new IllegalArgumentException("[audit] retain_bytes is 0 (keep everything) or at least two segments ("
                    + 2 * segmentBytes + ")");
        }
        if (anchorInterval.isNegative()) {
            throw new IllegalArgumentException("[audit] anchor_interval_s is at least 0");
        }
    }

    static AuditSettings defaults(Path stateDir) {
        return new AuditSettings(64L << 20, 1L << 30, AnchorKind.AUTO, stateDir.resolve("audit.anchor"),
                Duration.ofSeconds(5));
    }

    /** the audit log's options, with the anchor this machine offers for {@link AnchorKind#AUTO}. */
    AuditOptions options(int daemonUid) {
        AuditAnchor chosen = switch (anchor) {
            case AUTO -> Files.exists(JOURNAL_SOCKET) ? new JournalAnchor(JOURNAL_SOCKET, daemonUid)
                    : AuditAnchor.file(anchorFile);
            case JOURNAL -> new JournalAnchor(JOURNAL_SOCKET, daemonUid);
            case FILE -> AuditAnchor.file(anchorFile);
            case NONE -> AuditAnchor.NONE;
        };
        return new AuditOptions(segmentBytes, retainBytes, chosen, anchorInterval, AuditOptions.UNSYNCED_AT_MOST);
    }
}
