package dev.llmos.audit;

import dev.llmos.audit.HeadFile.Head;
import dev.llmos.audit.Segments.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * walks the chain and checks each record: its hash against its bytes (an edit), its seq against
 * its position (a deletion, insertion or reordering), its prev against the hash of the record
 * before (the same, even when seqs were rewritten), then the end of the chain against the head
 * file (records removed from the end, or the last record replaced).
 *
 * <p>segments are checked in parallel, each on its own, then joined in order: the first record
 * of each segment must continue the one before it. the result is the same as a sequential walk:
 * the first bad record in chain order.
 */
final class Verifier {
    private Verifier() {
    }

    /** a record that fails a check, at a position within its segment. */
    private enum Fault { NOT_HASHED, EDITED, NOT_JSON, WRONG_SEQ, UNLINKED }

    /**
     * what one segment holds.
     *
     * @param lines every complete line, good or bad
     * @param firstSeq the first record's seq, as stored (-1 when there is none or it is unreadable)
     * @param firstPrev the first record's prev, as stored
     * @param lastHash the hash of the last good record
     * @param fault the first fault inside the segment, or null
     * @param faultAt its position within the segment
     * @param faultSeq the seq found there, for {@link Fault#WRONG_SEQ}
     * @param faultDetail the parser's message, for {@link Fault#NOT_JSON}
     * @param torn bytes after the last newline
     */
    private record Part(long lines, long firstSeq, String firstPrev, String lastHash, Fault fault, long faultAt,
            long faultSeq, String faultDetail, long torn) {
    }

    /** verifies {@code segments}, which start where {@code checkpoint} says, against {@code head}. */
    static VerifyResult verify(List<Segment> segments, Head head, Checkpoint checkpoint) throws IOException {
        for (int i = 0; i < segments.size(); i++) {
            int expected = checkpoint.segment() + i;
            if (segments.get(i).number() != expected) {
                long before = checkpoint.seq();
                for (Part part : check(segments.subList(0, i))) {
                    before += part.lines();
                }
                return VerifyResult.broken(before, before, Segments.path(segments.get(i).path().getParent(), expected)
                        .getFileName() + " is missing: records before " + segments.get(i).path().getFileName()
                        + " were removed").retainedFrom(checkpoint.retainedFrom());
            }
        }
        List<Part> parts = check(segments);
        long total = checkpoint.seq() + parts.stream().mapToLong(Part::lines).sum();
        long offset = checkpoint.seq();
        String prev = checkpoint.hash();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            Finding finding = firstProblem(part, offset, prev);
            if (finding != null) {
                return VerifyResult.broken(total, finding.index(), finding.reason()).retainedFrom(checkpoint.retainedFrom());
            }
            if (part.torn() > 0) {
                return VerifyResult.broken(total, offset + part.lines(), segments.get(i).path().getFileName()
                        + " ends with " + part.torn() + " bytes that are not a complete record")
                        .retainedFrom(checkpoint.retainedFrom());
            }
            offset += part.lines();
            prev = part.lastHash() == null ? prev : part.lastHash();
        }
        return end(offset, prev, head).retainedFrom(checkpoint.retainedFrom());
    }

    private static List<Part> check(List<Segment> segments) throws IOException {
        try {
            return segments.parallelStream().map(Verifier::check).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** a bad record: its position in the chain and what is wrong with it. */
    private record Finding(long index, String reason) {
    }

    /** the first problem of a segment that starts at chain position {@code offset} after a record hashed {@code prev}. */
    private static Finding firstProblem(Part part, long offset, String prev) {
        if (part.fault() != null && part.faultAt() == 0) {
            return new Finding(offset, describe(part, offset));
        }
        if (part.lines() > 0 && part.firstSeq() != offset + 1) {
            return new Finding(offset, wrongSeq(offset, part.firstSeq()));
        }
        if (part.lines() > 0 && !prev.equals(part.firstPrev())) {
            return new Finding(offset, unlinked(offset));
        }
        if (part.fault() == null) {
            return null;
        }
        long index = offset + part.faultAt();
        return new Finding(index, describe(part, index));
    }

    private static String describe(Part part, long index) {
        return switch (part.fault()) {
            case NOT_HASHED -> "record " + index + " is not a hashed audit record";
            case EDITED -> "record " + index + " does not match its hash: it was edited";
            case NOT_JSON -> "record " + index + " is not valid json: " + part.faultDetail();
            case WRONG_SEQ -> wrongSeq(index, part.faultSeq());
            case UNLINKED -> unlinked(index);
        };
    }

    private static String wrongSeq(long index, long seq) {
        return "record " + index + " has seq " + seq + " where " + (index + 1)
                + " belongs: records were deleted, inserted or reordered";
    }

    private static String unlinked(long index) {
        return "record " + index + " does not link to the record before it: records were deleted, inserted or"
                + " reordered";
    }

    private static VerifyResult end(long records, String last, Head head) {
        if (head == null) {
            return VerifyResult.broken(records, records, "the head file is missing or unreadable, so removal of the"
                    + " last records cannot be ruled out");
        }
        if (records < head.seq()) {
            return VerifyResult.broken(records, records, "the log ends after " + records + " records but the head"
                    + " file says " + head.seq() + " were committed: records were removed from the end");
        }
        if (records > head.seq()) {
            return VerifyResult.broken(records, head.seq(), "the head file says " + head.seq() + " records were"
                    + " committed but the log has " + records + ": the head file was changed or records were appended"
                    + " outside the log");
        }
        if (!last.equals(head.hash())) {
            return VerifyResult.broken(records, Math.max(records - 1, 0), "the last record does not match the head"
                    + " file: the end of the log was replaced");
        }
        return VerifyResult.intact(records);
    }

    private static Part check(Segment segment) {
        SegmentWalk walk = new SegmentWalk();
        try {
            long torn = Segments.forward(segment, walk);
            return new Part(walk.lines, walk.firstSeq, walk.firstPrev, walk.lastHash(), walk.fault, walk.faultAt,
                    walk.faultSeq, walk.faultDetail, torn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** checks the records of one segment against each other, and counts its lines. */
    private static final class SegmentWalk implements Segments.LineVisitor {
        private final MessageDigest sha = RecordCodec.sha256();
        /** the stored hash of the last good record, as hex digits. */
        private final byte[] lastHex = new byte[64];
        long lines;
        long firstSeq = -1;
        String firstPrev;
        Fault fault;
        long faultAt;
        long faultSeq;
        String faultDetail;

        @Override
        public boolean line(byte[] buf, int off, int len) {
            long index = lines++;
            if (fault != null) {
                return true;
            }
            int hex = RecordCodec.hashAt(buf, off, len);
            if (hex < 0) {
                return fail(Fault.NOT_HASHED, index, 0, null);
            }
            if (!RecordCodec.hashMatches(buf, off, len, hex, sha)) {
                return fail(Fault.EDITED, index, 0, null);
            }
            RecordCodec.Link link;
            try {
                link = RecordCodec.link(buf, off, len);
            } catch (IOException e) {
                return fail(Fault.NOT_JSON, index, 0, e.getMessage());
            }
            if (index == 0) {
                firstSeq = link.seq();
                firstPrev = link.prev();
            } else if (link.seq() != firstSeq + index) {
                return fail(Fault.WRONG_SEQ, index, link.seq(), null);
            } else if (!isLastHash(link.prev())) {
                return fail(Fault.UNLINKED, index, 0, null);
            }
            System.arraycopy(buf, hex, lastHex, 0, 64);
            return true;
        }

        private boolean isLastHash(String prev) {
            if (prev == null || prev.length() != 64) {
                return false;
            }
            for (int i = 0; i < 64; i++) {
                if (prev.charAt(i) != lastHex[i]) {
                    return false;
                }
            }
            return true;
        }

        /** the hash of the last good record, or null when there is none. */
        String lastHash() {
            boolean any = fault == null ? lines > 0 : faultAt > 0;
            return any ? new String(lastHex, StandardCharsets.US_ASCII) : null;
        }

        private boolean fail(Fault kind, long index, long seq, String detail) {
            fault = kind;
            faultAt = index;
            faultSeq = seq;
            faultDetail = detail;
            return true;
        }
    }
}
