package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.llmos.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConfirmTokensTest {
    private final Instant[] now = {Instant.parse("2026-11-25T10:00:00Z")};
    private final ConfirmTokens tokens = new ConfirmTokens(() -> now[0], Duration.ofMinutes(5), 4);

    private static String hash(String json) throws Exception {
        return ConfirmTokens.hash(Json.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static ConfirmTokens.Refused refused(String reason) {
        return new ConfirmTokens.Refused(reason);
    }

    @Test
    void theHashIgnoresKeyOrderButNotValues() throws Exception {
        assertEquals(hash("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":\"z\"}}"), hash("{\"b\":{\"y\":\"z\",\"x\":[1,2]},\"a\":1}"));
        assertNotEquals(hash("{\"a\":1}"), hash("{\"a\":2}"));
        assertNotEquals(hash("{\"a\":[1,2]}"), hash("{\"a\":[2,1]}"));
    }

    @Test
    void aTokenConfirmsExactlyOnceTheRequestItWasIssuedFor() throws Exception {
        String request = hash("{\"action\":\"fs.delete\",\"params\":{\"path\":\"/home/bob/x\"}}");
        ConfirmTokens.Subject subject = new ConfirmTokens.Subject(1001, request, "path=2049:12 file");
        String token = tokens.issue(subject);
        assertEquals(refused("the confirmation token was issued to another user"),
                tokens.redeem(token, new ConfirmTokens.Subject(1002, request, subject.objects())));
        assertEquals(refused("the confirmation token was issued for a different request; confirm the new one"),
                tokens.redeem(token, new ConfirmTokens.Subject(1001,
                        hash("{\"action\":\"fs.delete\",\"params\":{\"path\":\"/home/bob/y\"}}"), subject.objects())));
        assertEquals(new ConfirmTokens.Confirmed(), tokens.redeem(token, subject));
        assertEquals(refused("the confirmation token is unknown or already used"), tokens.redeem(token, subject));
        assertEquals(refused("the confirmation token is unknown or already used"), tokens.redeem("c-forged", subject));
    }

    @Test
    void aTokenIsSpentWhenTheObjectsItPreviewedChanged() throws Exception {
        ConfirmTokens.Subject subject = new ConfirmTokens.Subject(1001, hash("{\"a\":1}"), "path=2049:12 file");
        String token = tokens.issue(subject);
        assertEquals(refused("the files the preview showed have changed since (path=2049:12 file then, "
                        + "path=2049:99 file now); confirm the new preview"),
                tokens.redeem(token, new ConfirmTokens.Subject(1001, subject.request(), "path=2049:99 file")));
        assertEquals(refused("the confirmation token is unknown or already used"), tokens.redeem(token, subject));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        ConfirmTokens.Subject subject = new ConfirmTokens.Subject(0, hash("{\"a\":1}"), "");
        String token = tokens.issue(subject);
        now[0] = now[0].plus(Duration.ofMinutes(6));
        assertEquals(refused("the confirmation token expired; confirm again"), tokens.redeem(token, subject));
    }

    @Test
    void aFloodDropsOnlyTheFloodersOwnOldestTokens() throws Exception {
        ConfirmTokens.Subject bob = new ConfirmTokens.Subject(1002, hash("{\"a\":1}"), "");
        ConfirmTokens.Subject alice = new ConfirmTokens.Subject(1001, hash("{\"a\":1}"), "");
        String bobs = tokens.issue(bob);
        java.util.List<String> alices = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            alices.add(tokens.issue(alice));
        }
        assertEquals(new ConfirmTokens.Confirmed(), tokens.redeem(bobs, bob), "another user's token survives the flood");
        for (String dropped : alices.subList(0, 996)) {
            assertEquals(refused("the confirmation token is unknown or already used"), tokens.redeem(dropped, alice));
        }
        for (String kept : alices.subList(996, 1000)) {
            assertEquals(new ConfirmTokens.Confirmed(), tokens.redeem(kept, alice), "the flooder keeps its newest four");
        }
    }

    @Test
    void expiredAndRedeemedTokensDoNotCountAgainstTheLimit() throws Exception {
        ConfirmTokens.Subject alice = new ConfirmTokens.Subject(1001, hash("{\"a\":1}"), "");
        String first = tokens.issue(alice);
        tokens.issue(alice);
        assertEquals(new ConfirmTokens.Confirmed(), tokens.redeem(first, alice));
        now[0] = now[0].plus(Duration.ofMinutes(6));
        java.util.List<String> fresh = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fresh.add(tokens.issue(alice));
        }
        for (String token : fresh) {
            assertEquals(new ConfirmTokens.Confirmed(), tokens.redeem(token, alice));
        }
    }
}
