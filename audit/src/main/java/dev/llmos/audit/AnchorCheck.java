package dev.llmos.audit;

import java.io.IOException;

/**
 * compares a log with the latest point its anchor holds. the anchor is written only after what
 * it names is durable, so a healthy log always holds the anchored record and at least as much
 * after it; what the log lacks was removed behind the log's back.
 */
final class AnchorCheck {
    private AnchorCheck() {
    }

    /** the record hash at a seq the log holds, or null when it has no such record. */
    @FunctionalInterface
    interface Hashes {
        String at(long seq) throws IOException;
    }

    /**
     * a mismatch found.
     *
     * @param firstBad the chain position where the missing or replaced records start
     */
    record Mismatch(long firstBad, String reason) {
    }

    /**
     * what is wrong with the log given {@code anchored}, or null when they agree.
     *
     * @param chain the log's chain (the hash of its seq 1), empty when it has no records
     * @param retainedFrom the first seq the log holds
     * @param lastSeq the log's last seq
     */
    static Mismatch check(AuditAnchor.Point anchored, String anchorName, String chain, long retainedFrom, long lastSeq,
            Hashes hashes) throws IOException {
        String where = "the anchor (" + anchorName + ", " + anchored.event() + " at " + anchored.time() + ")";
        if (anchored.seq() == 0) {
            return null;
        }
        if (!anchored.chain().equals(chain)) {
            return new Mismatch(0, where + " holds seq " + anchored.seq() + " of the chain starting " + abbreviate(
                    anchored.chain()) + ", but this log " + (chain.isEmpty() ? "has no records"
                    : "is another chain (" + abbreviate(chain) + ")") + ": the log was replaced outside the daemon");
        }
        if (retainedFrom > anchored.retainedFrom()) {
            return new Mismatch(anchored.retainedFrom() - 1, "the log starts at seq " + retainedFrom + " but " + where
                    + " says retention kept everything from seq " + anchored.retainedFrom()
                    + ": records were removed from the start");
        }
        if (lastSeq < anchored.seq()) {
            return new Mismatch(lastSeq, "the log ends at seq " + lastSeq + " but " + where + " says seq "
                    + anchored.seq() + " was committed: records were removed from the end");
        }
        if (anchored.seq() >= retainedFrom && !anchored.hash().equals(hashes.at(anchored.seq()))) {
            return new Mismatch(anchored.seq() - 1, "the record at seq " + anchored.seq() + " does not match " + where
                    + ": records were replaced");
        }
        return null;
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "..." : hash;
    }
}
