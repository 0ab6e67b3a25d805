package dev.llmos.daemon;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * the confirmation tokens each uid has pending, oldest first, at most {@link Limits#tokensPerUser()}
 * each: issuing one more drops that uid's oldest, never another user's, so a flood of unconfirmed
 * requests costs only the one who floods.
 */
final class TokenQuota {
    private final int perUser;
    private final Map<Integer, ArrayDeque<String>> byUid = new HashMap<>();

    TokenQuota(int perUser) {
        this.perUser = perUser;
    }

    /**
     * counts {@code token} as {@code uid}'s newest.
     *
     * @param live whether a token counted earlier is still pending (not redeemed or expired)
     * @return the tokens of {@code uid} to drop, oldest first, so it keeps at most its limit
     */
    synchronized List<String> add(int uid, String token, Predicate<String> live) {
        ArrayDeque<String> tokens = byUid.computeIfAbsent(uid, key -> new ArrayDeque<>());
        tokens.removeIf(live.negate());
        List<String> dropped = new ArrayList<>();
        while (tokens.size() >= perUser) {
            dropped.add(tokens.removeFirst());
        }
        tokens.addLast(token);
        return dropped;
    }

    /** forgets {@code token} (redeemed). */
    synchronized void remove(int uid, String token) {
        ArrayDeque<String> tokens = byUid.get(uid);
        if (tokens != null && tokens.remove(token) && tokens.isEmpty()) {
            byUid.remove(uid);
        }
    }
}
