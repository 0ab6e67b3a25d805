package dev.llmos.audit;

/**
 * the outcome of walking the whole chain.
 *
 * @param ok true when every record, the head file, the checkpoint and the anchor agree
 * @param records how many records the chain holds, those retention dropped included (the last seq)
 * @param firstBad the 0-based position in the chain of the first bad record (for an intact
 *     chain, position {@code i} holds seq {@code i + 1}); for records missing at the end, the
 *     position where the first missing one should be; null when ok
 * @param reason why the chain is broken, for people; null when ok
 * @param retainedFrom the first seq the log still holds (1 unless retention dropped segments); the
 *     records before it are proven only through the checkpoint and the anchor
 * @param anchor what the anchor check found, for people; null when the log has no anchor
 */
public record VerifyResult(boolean ok, long records, Long firstBad, String reason, long retainedFrom, String anchor) {
    public VerifyResult {
        if (ok != (firstBad == null) || ok != (reason == null)) {
            throw new IllegalArgumentException("a broken chain needs first_bad and reason; an intact one has neither");
        }
    }

    static VerifyResult intact(long records) {
        return new VerifyResult(true, records, null, null, 1, null);
    }

    static VerifyResult broken(long records, long firstBad, String reason) {
        return new VerifyResult(false, records, firstBad, reason, 1, null);
    }

    VerifyResult retainedFrom(long seq) {
        return new VerifyResult(ok, records, firstBad, reason, seq, anchor);
    }

    VerifyResult anchored(String found) {
        return new VerifyResult(ok, records, firstBad, reason, retainedFrom, found);
    }
}
