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
 * anyone else, a second time or too late, fails. each uid has at most {@link Limits#tokensPerUser()}
 * pending ({@link TokenQuota}): its own oldest are dropped beyond it, never another user's.
 */
final class ConfirmTokens {
    private record Grant(int uid, String hash, Instant expires) {
    }

    private final InstantSource clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> pending = new ConcurrentHashMap<>();
    private final TokenQuota quota;

    ConfirmTokens(InstantSource clock, Duration lifetime, int perUser) {
        this.clock = clock;
        this.lifetime = lifetime;
        this.quota = new TokenQuota(perUser);
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
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String token = "c-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(token, new Grant(uid, hash, now.plus(lifetime)));
        quota.add(uid, token, pending::containsKey).forEach(pending::remove);
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
        quota.remove(uid, token);
        if (grant.expires().isBefore(clock.instant())) {
            return "the confirmation token expired; ask again";
        }
        return null;
    }

    Duration lifetime() {
        return lifetime;
    }
}
