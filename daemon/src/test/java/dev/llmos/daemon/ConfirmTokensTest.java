package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

    @Test
    void theHashIgnoresKeyOrderButNotValues() throws Exception {
        assertEquals(hash("{\"a\":1,\"b\":{\"x\":[1,2],\"y\":\"z\"}}"), hash("{\"b\":{\"y\":\"z\",\"x\":[1,2]},\"a\":1}"));
        org.junit.jupiter.api.Assertions.assertNotEquals(hash("{\"a\":1}"), hash("{\"a\":2}"));
        org.junit.jupiter.api.Assertions.assertNotEquals(hash("{\"a\":[1,2]}"), hash("{\"a\":[2,1]}"));
    }

    @Test
    void aTokenConfirmsExactlyOnceTheRequestItWasIssuedFor() throws Exception {
        String request = hash("{\"action\":\"fs.delete\",\"params\":{\"path\":\"/home/bob/x\"}}");
        String token = tokens.issue(1001, request);
        assertEquals("the confirmation token was issued to another user", tokens.redeem(token, 1002, request));
        assertEquals("the confirmation token was issued for a different request; confirm the new one",
                tokens.redeem(token, 1001, hash("{\"action\":\"fs.delete\",\"params\":{\"path\":\"/home/bob/y\"}}")));
        assertNull(tokens.redeem(token, 1001, request));
        assertEquals("the confirmation token is unknown or already used", tokens.redeem(token, 1001, request));
        assertEquals("the confirmation token is unknown or already used", tokens.redeem("c-forged", 1001, request));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String request = hash("{\"a\":1}");
        String token = tokens.issue(0, request);
        now[0] = now[0].plus(Duration.ofMinutes(6));
        assertEquals("the confirmation token expired; ask again", tokens.redeem(token, 0, request));
    }

    @Test
    void aFloodDropsOnlyTheFloodersOwnOldestTokens() throws Exception {
        String request = hash("{\"a\":1}");
        String bobs = tokens.issue(1002, request);
        java.util.List<String> alices = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            alices.add(tokens.issue(1001, request));
        }
        assertNull(tokens.redeem(bobs, 1002, request), "another user's pending token survives the flood");
        for (String dropped : alices.subList(0, 996)) {
            assertEquals("the confirmation token is unknown or already used", tokens.redeem(dropped, 1001, request));
        }
        for (String kept : alices.subList(996, 1000)) {
            assertNull(tokens.redeem(kept, 1001, request), "the flooder keeps its newest four");
        }
    }

    @Test
    void expiredAndRedeemedTokensDoNotCountAgainstTheLimit() throws Exception {
        String request = hash("{\"a\":1}");
        String first = tokens.issue(1001, request);
        tokens.issue(1001, request);
        assertNull(tokens.redeem(first, 1001, request));
        now[0] = now[0].plus(Duration.ofMinutes(6));
        java.util.List<String> fresh = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fresh.add(tokens.issue(1001, request));
        }
        for (String token : fresh) {
            assertNull(tokens.redeem(token, 1001, request));
        }
    }
}
