package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** the tokens, and the one confirmation service every caller goes through. */
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

    private final Confirmations confirmations = new Confirmations(tokens);
    private final List<String> recorded = new ArrayList<>();
    private final Confirmations.Recorder recorder = (outcome, detail) -> recorded.add(outcome.text(detail));
    private final Confirmations.Question question = new Confirmations.Question("it changes things", "policy asks",
            "rule-1", () -> Json.MAPPER.createObjectNode().put("shows", "what changes"));

    private RpcException ask(String token, ConfirmTokens.Subject subject, RunContext run,
            Confirmations.Recorder recorder) {
        return assertThrows(RpcException.class, () -> confirmations.require(token, subject, run, question, recorder));
    }

    @Test
    void theServiceAsksWithAPreviewThenTheTokenConfirmsOnce() throws Exception {
        ConfirmTokens.Subject subject = new ConfirmTokens.Subject(1001, hash("{\"a\":1}"), "");
        RpcException asked = ask(null, subject, new TestRun(), recorder);
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, asked.error().code());
        assertEquals("confirmation required: it changes things", asked.getMessage());
        String token = asked.error().data().path("confirm").asText();
        assertEquals("{\"confirm\":\"" + token + "\",\"expires_s\":300,\"reason\":\"policy asks\",\"rule\":\"rule-1\","
                + "\"preview\":{\"shows\":\"what changes\"}}", asked.error().data().toString());
        assertEquals(List.of("confirmation_required"), recorded);

        confirmations.require(token, subject, new TestRun(), question, recorder);
        assertEquals(List.of("confirmation_required"), recorded, "a confirmed request is recorded by its caller");

        RpcException reused = ask(token, subject, new TestRun(), recorder);
        assertEquals("confirmation required: it changes things (the confirmation token is unknown or already used)",
                reused.getMessage());
        assertEquals(List.of("confirmation_required", "confirmation_refused"), recorded);
    }

    @Test
    void theServiceRefusesAnExpiredTokenAndAsksAgain() throws Exception {
        ConfirmTokens.Subject subject = new ConfirmTokens.Subject(1001, hash("{\"a\":1}"), "");
        String token = ask(null, subject, new TestRun(), recorder).error().data().path("confirm").asText();
        now[0] = now[0].plus(Duration.ofMinutes(6));
        RpcException expired = ask(token, subject, new TestRun(), recorder);
        assertTrue(expired.getMessage().endsWith("(the confirmation token expired; confirm again)"), expired.getMessage());
        assertNotEquals(token, expired.error().data().path("confirm").asText(), "a new token comes with the new ask");
    }

    @Test
    void aSandboxedPeerIsDeniedAndTheTokenStaysThePersons() throws Exception {
        ConfirmTokens.Subject subject = new ConfirmTokens.Subject(1001, hash("{\"a\":1}"), "");
        String token = ask(null, subject, new TestRun(), recorder).error().data().path("confirm").asText();
        RpcException denied = ask(token, subject, TestRun.sandboxed(), recorder);
        assertEquals(ErrorCodes.DENIED, denied.error().code());
        assertEquals("denied: a program running in one of llm-osd's sandboxes cannot confirm: it changes things",
                denied.getMessage());
        assertEquals(Confirmations.SANDBOX_RULE, denied.error().data().path("rule").asText());
        assertFalse(denied.error().data().has("confirm"));
        assertEquals("denied: from a sandbox", recorded.getLast());
        assertTrue(confirmations.redeem(token, subject, new TestRun()).given(), "the sandbox did not spend it");
    }

    @Test
    void aQuestionWithoutReasonOrRuleLeavesThemOut() throws Exception {
        ConfirmTokens.Subject subject = new ConfirmTokens.Subject(1001, hash("{\"a\":1}"), "");
        RpcException asked = confirmations.ask(confirmations.redeem(null, subject, new TestRun()),
                new Confirmations.Question("the plan changes this machine", null, null,
                        () -> Json.MAPPER.createObjectNode().putArray("steps")), new TestRun(),
                Confirmations.Recorder.NONE);
        assertEquals(List.of("confirm", "expires_s", "preview"), List.copyOf(asked.error().data().properties()
                .stream().map(java.util.Map.Entry::getKey).toList()));
    }

    @Test
    void anAuditRecordThatCannotBeWrittenLeavesTheAnswerAsItIs() throws Exception {
        Confirmations.Recorder failing = (outcome, detail) -> {
            throw new IOException("disk full");
        };
        ConfirmTokens.Subject subject = new ConfirmTokens.Subject(1001, hash("{\"a\":1}"), "");
        RpcException asked = ask(null, subject, new TestRun(), failing);
        assertEquals(ErrorCodes.CONFIRMATION_REQUIRED, asked.error().code(), "an ask stays an ask, not -32603");
        assertEquals(ErrorCodes.DENIED, ask(null, subject, TestRun.sandboxed(), failing).error().code(),
                "a denial stays a denial");
        assertTrue(confirmations.redeem(asked.error().data().path("confirm").asText(), subject, new TestRun()).given());
    }
}
