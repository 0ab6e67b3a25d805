package dev.llmos.daemon;

import java.util.HashMap;
import java.util.Map;

/** a count per uid (connections, running requests); uids at zero take no memory. not thread-safe. */
final class UidCounts {
    private final Map<Integer, Integer> counts = new HashMap<>();

    int of(int uid) {
        return counts.getOrDefault(uid, 0);
    }

    void increment(int uid) {
        counts.merge(uid, 1, Integer::sum);
    }

    void decrement(int uid) {
        counts.computeIfPresent(uid, (key, count) -> count == 1 ? null : count - 1);
    }
}
