package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * single-use confirmation tokens. a token is issued for exactly what was previewed (the caller's
 * uid and a hash of the canonical request) and expires soon; redeeming it with anything else, by
 * anyone else, a second time or too late, fails.
 */
final class ConfirmTokens {
    /** at most this many tokens wait at once; the oldest are dropped beyond it. */
    static final int MAX_PENDING = 4096;

    private record Grant(int uid, String hash, Instant expires) {
    }

    private final InstantSource clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> pending = new ConcurrentHashMap<>();

    ConfirmTokens(InstantSource clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** the sha-256 of the canonical json of {@code request}: what a token is bound to. */
    static String hash(JsonNode request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.canonical(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String issue(int uid, String hash) {
        Instant now = clock.instant();
        pending.values().removeIf(grant -> grant.expires().isBefore(now));
        if (pending.size() >= MAX_PENDING) {
            pending.entrySet().stream().min(java.util.Map.Entry.comparingByValue(
                    java.util.Comparator.comparing(Grant::expires))).ifPresent(oldest -> pending.remove(oldest.getKey()));
        }
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String token = "c-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(token, new Grant(uid, hash, now.plus(lifetime)));
        return token;
    }

    /** why {@code token} does not confirm this request, or null when it does (and is now spent). */
    String redeem(String token, int uid, String hash) {
        Grant grant = pending.get(token);
        if (grant == null) {
            return "the confirmation token is unknown or already used";
        }
        if (grant.uid() != uid) {
            return "the confirmation token was issued to another user";
        }
        if (!grant.hash().equals(hash)) {
            return "the confirmation token was issued for a different request; confirm the new one";
        }
        if (!pending.remove(token, grant)) {
            return "the confirmation token is unknown or already used";
        }
        if (grant.expires().isBefore(clock.instant())) {
            return "the confirmation token expired; ask again";
        }
        return null;
    }

    Duration lifetime() {
        return lifetime;
    }
}
