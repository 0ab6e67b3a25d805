package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.audit.Outcome;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;

/**
 * the one confirmation flow of actions, plans, undo, leases and remote consent. a request that
 * needs a person's yes comes with the token of an earlier -32002 or without one; {@link #redeem}
 * says whether that token confirms exactly this request ({@link ConfirmTokens.Subject}: the caller,
 * the canonical request, the objects the preview showed), and {@link #ask} answers one that is not
 * confirmed: -32001 to a program in one of this daemon's sandboxes (it cannot confirm), otherwise
 * -32002 with the preview and a new token. the outcome ({@code confirmation_required},
 * {@code confirmation_refused}, {@code denied: from a sandbox}) goes to the caller's audit
 * {@link Recorder}; a record that cannot be written is reported on the daemon's log and never turns
 * the answer into another error.
 */
final class Confirmations {
    /** the rule a sandboxed peer's denial names. */
    static final String SANDBOX_RULE = "sandbox";

    private static final String SANDBOXED = "a program running in one of llm-osd's sandboxes cannot confirm";

    /** writes the audited outcome of a request the service refused or asked about. */
    @FunctionalInterface
    interface Recorder {
        /** for a request whose confirmation is audited elsewhere (a plan's steps are, one by one). */
        Recorder NONE = (outcome, detail) -> {
        };

        void record(Outcome outcome, String detail) throws IOException;
    }

    /** makes the preview of a -32002 (only when one is sent). */
    @FunctionalInterface
    interface Preview {
        JsonNode make() throws RpcException;
    }

    /**
     * what a -32002 asks the person.
     *
     * @param summary what the message says after {@code confirmation required: }
     * @param reason {@code data.reason}, or null for none
     * @param rule {@code data.rule}, or null for none
     * @param preview {@code data.preview}
     */
    record Question(String summary, String reason, String rule, Preview preview) {
    }

    /**
     * what the token a request came with gave.
     *
     * @param given whether it confirms the subject (it is spent then)
     * @param refused why a token that was sent does not confirm it; null when none was sent or it does
     */
    record Consent(ConfirmTokens.Subject subject, boolean given, String refused) {
    }

    private final ConfirmTokens tokens;

    Confirmations(ConfirmTokens tokens) {
        this.tokens = tokens;
    }

    /** what a token for {@code request} by {@code caller} on {@code objects} binds. */
    static ConfirmTokens.Subject subject(Caller caller, JsonNode request, String objects) {
        return new ConfirmTokens.Subject(caller.uid(), ConfirmTokens.hash(request), objects);
    }

    /**
     * redeems {@code token} (null: none was sent) for {@code subject}. a sandboxed peer's token is
     * never redeemed: it stays pending for the person it was issued to.
     */
    Consent redeem(String token, ConfirmTokens.Subject subject, RunContext run) {
        if (token == null) {
            return new Consent(subject, false, null);
        }
        if (!run.confirmable()) {
            return new Consent(subject, false, SANDBOXED);
        }
        return switch (tokens.redeem(token, subject)) {
            case ConfirmTokens.Confirmed confirmed -> new Consent(subject, true, null);
            case ConfirmTokens.Refused refused -> new Consent(subject, false, refused.reason());
        };
    }

    /**
     * returns when {@code token} confirms {@code subject}; otherwise throws what {@link #ask}
     * answers.
     */
    void require(String token, ConfirmTokens.Subject subject, RunContext run, Question question, Recorder recorder)
            throws RpcException {
        Consent consent = redeem(token, subject, run);
        if (!consent.given()) {
            throw ask(consent, question, run, recorder);
        }
    }

    /**
     * the answer to a request that needs a confirmation it does not have: -32001 for a sandboxed
     * peer, else -32002 with {@code question}'s preview and a new token bound to the same subject.
     * the outcome is recorded first; a record that cannot be written leaves the answer as it is.
     */
    RpcException ask(Consent consent, Question question, RunContext run, Recorder recorder) throws RpcException {
        if (!run.confirmable()) {
            record(recorder, Outcome.DENIED, "from a sandbox", ErrorCodes.DENIED);
            String reason = SANDBOXED + ": " + question.summary();
            return RpcException.of(ErrorCodes.DENIED, "denied: " + reason,
                    Json.MAPPER.createObjectNode().put("reason", reason).put("rule", SANDBOX_RULE));
        }
        JsonNode preview = question.preview().make();
        record(recorder, consent.refused() == null ? Outcome.CONFIRMATION_REQUIRED : Outcome.CONFIRMATION_REFUSED,
                null, ErrorCodes.CONFIRMATION_REQUIRED);
        ObjectNode data = Json.MAPPER.createObjectNode().put("confirm", tokens.issue(consent.subject()))
                .put("expires_s", tokens.lifetime().toSeconds());
        if (question.reason() != null) {
            data.put("reason", question.reason());
        }
        if (question.rule() != null) {
            data.put("rule", question.rule());
        }
        data.set("preview", preview);
        return RpcException.of(ErrorCodes.CONFIRMATION_REQUIRED, "confirmation required: " + question.summary()
                + (consent.refused() == null ? "" : " (" + consent.refused() + ")"), data);
    }

    private static void record(Recorder recorder, Outcome outcome, String detail, int answered) {
        try {
            recorder.record(outcome, detail);
        } catch (IOException e) {
            Unrecorded.report("a confirmation (" + outcome.text(detail) + ")", e, "the client was answered " + answered);
        }
    }
}
