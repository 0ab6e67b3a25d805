package dev.llmos.audit;

/**
 * the outcome of walking the whole chain.
 *
 * @param ok true when every record and the head file agree
 * @param records how many records the log holds
 * @param firstBad the 0-based position in the chain of the first bad record (for an intact
 *     chain, position {@code i} holds seq {@code i + 1}); for records missing at the end, the
 *     position where the first missing one should be; null when ok
 * @param reason why the chain is broken, for people; null when ok
 */
public record VerifyResult(boolean ok, long records, Long firstBad, String reason) {
    public VerifyResult {
        if (ok != (firstBad == null) || ok != (reason == null)) {
            throw new IllegalArgumentException("a broken chain needs first_bad and reason; an intact one has neither");
        }
    }

    static VerifyResult intact(long records) {
        return new VerifyResult(true, records, null, null);
    }

    static VerifyResult broken(long records, long firstBad, String reason) {
        return new VerifyResult(false, records, firstBad, reason);
    }
}
