package dev.llmos.policy;

/**
 * an inclusive range of user ids; uids are unsigned 32-bit numbers.
 *
 * @param first the lowest uid in the range
 * @param last the highest uid in the range
 */
record UidRange(long first, long last) {
    static final long MAX_UID = 0xFFFF_FFFEL;

    UidRange {
        if (first < 0 || last > MAX_UID || first > last) {
            throw new IllegalArgumentException("a uid range goes from a low uid to a higher one, within 0-" + MAX_UID);
        }
    }

    /**
     * parses {@code 1000}, {@code 1000-60000}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static UidRange parse(String text) {
        int dash = text.indexOf('-');
        try {
            return dash < 0
                    ? new UidRange(Long.parseLong(text), Long.parseLong(text))
                    : new UidRange(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a uid or a range such as \"1000-60000\", not \"" + text + "\"");
        }
    }

    boolean contains(int uid) {
        long value = Integer.toUnsignedLong(uid);
        return value >= first && value <= last;
    }

    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + "-" + last;
    }
}
