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
 * single-use confirmation tokens, the one confirmation flow of actions, plans, undo and leases. a
 * token is issued for exactly what was previewed ({@link Subject}: the caller's uid, a hash of the
 * canonical request and the identities of the objects it would act on) and expires soon; redeeming
 * it for anything else, by anyone else, a second time, too late, or after the objects changed,
 * fails with the reason. each uid has at most {@link Limits#tokensPerUser()} pending
 * ({@link TokenQuota}): its own oldest are dropped beyond it, never another user's.
 */
final class ConfirmTokens {
    /**
     * what a token confirms.
     *
     * @param uid the caller it was issued to
     * @param request the sha-256 of the canonical request ({@link #hash})
     * @param objects the identities (device, inode) of what the preview showed, empty when the
     *     request acts on no files
     */
    record Subject(int uid, String request, String objects) {
    }

    /** what redeeming a token gave. */
    sealed interface Redemption permits Confirmed, Refused {
    }

    /** the token confirms the subject, and is spent. */
    record Confirmed() implements Redemption {
    }

    /** the token does not confirm the subject; {@code reason} says why, for the person. */
    record Refused(String reason) implements Redemption {
    }

    private record Grant(Subject subject, Instant expires) {
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

    String issue(Subject subject) {
        Instant now = clock.instant();
        pending.values().removeIf(grant -> grant.expires().isBefore(now));
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String token = "c-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(token, new Grant(subject, now.plus(lifetime)));
        quota.add(subject.uid(), token, pending::containsKey).forEach(pending::remove);
        return token;
    }

    /**
     * redeems {@code token} for {@code subject}, once. a token of another user or for another
     * request stays pending (it may still confirm what it was issued for); one whose objects changed
     * or that expired is spent.
     */
    Redemption redeem(String token, Subject subject) {
        Grant grant = pending.get(token);
        if (grant == null) {
            return new Refused("the confirmation token is unknown or already used");
        }
        if (grant.subject().uid() != subject.uid()) {
            return new Refused("the confirmation token was issued to another user");
        }
        if (!grant.subject().request().equals(subject.request())) {
            return new Refused("the confirmation token was issued for a different request; confirm the new one");
        }
        if (!pending.remove(token, grant)) {
            return new Refused("the confirmation token is unknown or already used");
        }
        quota.remove(subject.uid(), token);
        if (grant.expires().isBefore(clock.instant())) {
            return new Refused("the confirmation token expired; confirm again");
        }
        if (!grant.subject().objects().equals(subject.objects())) {
            return new Refused("the files the preview showed have changed since (" + grant.subject().objects() + " then, "
                    + subject.objects() + " now); confirm the new preview");
        }
        return new Confirmed();
    }

    Duration lifetime() {
        return lifetime;
    }
}
