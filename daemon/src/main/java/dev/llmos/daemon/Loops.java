package dev.llmos.daemon;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Caller;
import dev.llmos.audit.AuditCaller;
import dev.llmos.audit.AuditEntry;
import dev.llmos.audit.AuditLog;
import dev.llmos.audit.Outcome;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.loop.Call;
import dev.llmos.loop.Turn;
import dev.llmos.planner.LoopInput;
import dev.llmos.planner.ModelTurn;
import dev.llmos.planner.Outbound;
import dev.llmos.planner.PlanContext;
import dev.llmos.planner.PlannerService;
import dev.llmos.planner.PlanningException;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.MethodResults;
import dev.llmos.protocol.RpcException;
import dev.llmos.support.Sha256;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;

/**
 * {@code loop.turn}: the next turn of a person's observe, reason, act loop. llmsh holds the
 * transcript and sends it whole; the daemon builds the chat (results fenced as data), asks the model
 * privacy allows, validates its calls against the catalog (one repair round, then -32005) and
 * answers with them, or with the model's final answer. it runs nothing: the calls then go through
 * {@code action.execute} and {@code plan.execute} like any other request. each turn is audited: who
 * asked which model what (sizes and digests of what was sent, never its content or a key) and what
 * the model proposed.
 */
final class Loops {
    /** how the daemon's owner configures a model, for the answer when none is. */
    static final String CONFIGURE = "configure a model in planner.toml (/etc/llm-os/planner.toml for the system "
            + "daemon, ~/.config/llm-os/planner.toml for your own, or llm-osd --config FILE): a [local] section with "
            + "the endpoint of llm-modeld or any openai-compatible server and a model name; see the README, "
            + "'Language models'";

    /** the params of {@code loop.turn}. */
    record Params(
            @NotNull @Size(min = 1, max = 2000) @JsonPropertyDescription("what the person asked, in plain words") String request,
            @Size(max = 4096) @JsonPropertyDescription("the client's working directory") String cwd,
            @NotNull @Size(max = 256) @JsonPropertyDescription("the turns so far, each with its calls' results")
            List<@NotNull Turn> turns,
            @Min(1) @Max(131072) @JsonPropertyDescription("the most tokens this turn may generate") Integer maxTokens,
            @JsonProperty(defaultValue = "false") @JsonPropertyDescription("no more calls: a budget is used up, the model "
                    + "must answer with what it has") Boolean answerNow,
            @Size(max = 256) @JsonPropertyDescription("confirmation token from a -32002 error: consent to send this turn's "
                    + "chat to a remote model") String confirm) {
    }

    private final ActionCatalog catalog;
    private final PlannerService planner;
    private final Confirmations confirmations;
    private final AuditLog audit;
    private final TxIds txids;

    Loops(ActionCatalog catalog, PlannerService planner, Confirmations confirmations, AuditLog audit, TxIds txids) {
        this.catalog = catalog;
        this.planner = planner;
        this.confirmations = confirmations;
        this.audit = audit;
        this.txids = txids;
    }

    JsonNode turn(Params params, Caller caller, RunContext run) throws RpcException {
        Optional<String> unavailable = planner.loopUnavailable();
        if (unavailable.isPresent()) {
            ObjectNode data = Json.MAPPER.createObjectNode().put("reason", "no_model").put("detail", unavailable.get())
                    .put("configure", CONFIGURE);
            throw RpcException.of(ErrorCodes.PLANNER_UNAVAILABLE, "no model may run a loop: " + unavailable.get(), data);
        }
        PlanContext context = PlanContext.of(catalog, caller, cwd(params.cwd()));
        Outbound outbound = planner.prepareTurn(new LoopInput(params.request(), params.turns(), params.maxTokens() == null
                ? OptionalInt.empty() : OptionalInt.of(params.maxTokens()), Boolean.TRUE.equals(params.answerNow())), context,
                "/params/turns");
        // the chat's digest binds the token to exactly this chat without hashing its text again
        Confirmations.Consent consent = confirmations.redeem(params.confirm(), Confirmations.subject(caller,
                Json.MAPPER.createObjectNode().put("method", "loop.turn").put("chat_sha256", outbound.sha256()), ""), run);
        if (consent.given()) {
            context = context.withRemoteConsent();
        }
        String txid = txids.next();
        Trail trail = new Trail(caller, params, outbound, txid, context.remoteConsent());
        try {
            ModelTurn next = planner.nextTurn(outbound, context, run::cancelled);
            trail.record(next, next.turn().isAnswer() ? Outcome.ANSWERED : Outcome.PROPOSED, null);
            return Json.toTree(new MethodResults.LoopTurn(txid, Json.toTree(next.turn()), next.modelNanos() / 1e6,
                    next.sentBytes(), new MethodResults.LoopTurn.Backend(next.backend().name(), next.backend().remote())));
        } catch (PlanningException e) {
            if (e.reason() == PlanningException.Reason.REMOTE_CONSENT) {
                throw confirmations.ask(consent, new Confirmations.Question(e.getMessage(), e.getMessage(),
                        "privacy." + planner.privacy().wireName(), () -> preview(outbound)), run,
                        (outcome, detail) -> trail.write(null, null, outcome, detail));
            }
            trail.record(null, Outcome.FAILED, e.reason().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
            throw e.toRpcException();
        } catch (CancellationException e) {
            trail.record(null, Outcome.CANCELLED, e.getMessage());
            throw RpcException.of(ErrorCodes.ACTION_FAILED, "cancelled: " + e.getMessage(),
                    Json.MAPPER.createObjectNode().put("txid", txid).put("cancelled", true));
        }
    }

    /** the client's working directory: absolute, or -32602. */
    private static Path cwd(String text) throws RpcException {
        if (text == null) {
            return null;
        }
        try {
            Path cwd = Path.of(text);
            if (cwd.isAbsolute()) {
                return cwd;
            }
        } catch (java.nio.file.InvalidPathException e) {
            // refused below, like a relative one
        }
        throw RpcException.invalidParams("/params/cwd", "cwd must be an absolute path");
    }

    /** the preview of a -32002: what would leave the machine, and for which model. */
    private JsonNode preview(Outbound outbound) {
        List<PlannerService.Llm> remotes = planner.remotesFor(outbound);
        ObjectNode preview = Json.MAPPER.createObjectNode().put("action", "loop.turn")
                .put("privacy", planner.privacy().wireName());
        if (!remotes.isEmpty()) {
            // the first model asked; the reason names every one the consent covers
            preview.put("model", remotes.getFirst().model()).put("endpoint", remotes.getFirst().endpoint());
        }
        preview.set("sends", outbound.sends());
        return preview;
    }

    /** the audit record of one turn. */
    private final class Trail {
        private final Caller caller;
        private final Params params;
        private final Outbound outbound;
        private final String txid;
        private final boolean consented;

        Trail(Caller caller, Params params, Outbound outbound, String txid, boolean consented) {
            this.caller = caller;
            this.params = params;
            this.outbound = outbound;
            this.txid = txid;
            this.consented = consented;
        }

        /** writes the record; one that cannot be written leaves the answer as it is ({@link Unrecorded}). */
        void record(ModelTurn next, Outcome outcome, String detail) throws RpcException {
            JsonNode proposed = next == null ? null : proposed(next.turn());
            try {
                write(next, proposed, outcome, detail);
            } catch (IOException e) {
                Unrecorded.report(txid + " (loop.turn " + outcome.text(detail) + ")", e,
                        "the client was answered as if it had been");
            }
        }

        /** writes the record of a turn, with what the model proposed when it answered. */
        void write(ModelTurn next, JsonNode proposed, Outcome outcome, String detail) throws IOException {
            ObjectNode asked = Json.MAPPER.createObjectNode();
            asked.set("request", AuditEntries.redact(Json.MAPPER.getNodeFactory().textNode(params.request())));
            asked.put("turn", params.turns().size() + 1).put("messages", outbound.messages().size())
                    .put("sent_bytes", outbound.bytes()).put("sent_sha256", outbound.sha256());
            ArrayNode sent = asked.putArray("outputs_sent");
            outbound.outputs().forEach(output -> sent.add(output.step()));
            if (next != null) {
                asked.put("model", next.turn().model()).put("endpoint", next.backend().endpoint())
                        .put("remote", next.backend().remote()).put("repairs", next.turn().repairs());
                asked.set("usage", Json.toTree(next.turn().usage()));
                asked.set("proposed", proposed);
            }
            boolean remote = next != null && next.backend().remote();
            String reason = remote ? (consented ? "a remote model, with the person's consent to this chat"
                    : "a remote model, as privacy allows") : "the local model runs the loop";
            String decision = outcome == Outcome.CONFIRMATION_REQUIRED || outcome == Outcome.CONFIRMATION_REFUSED ? "ask"
                    : "allow";
            AuditEntry entry = new AuditEntry(AuditCaller.of(caller), "loop.turn", asked, decision,
                    "privacy." + planner.privacy().wireName(), reason, outcome.text(detail), txid, null);
            if (next != null && next.backend().onThisMachine()) {
                // a turn a model on this machine answered changed nothing and sent nothing off it: the record
                // is written before the answer and synced with the next durable record (the calls' own), or
                // within `AuditOptions.UNSYNCED_AT_MOST` (docs/security.md, "audit durability")
                audit.appendUnsynced(entry);
            } else {
                audit.append(entry);
            }
        }

        /** the calls with their params as any action's are audited, or the answer's size and digest. */
        private JsonNode proposed(Turn turn) throws RpcException {
            if (turn.isAnswer()) {
                return Json.MAPPER.createObjectNode().put("answer_chars", turn.text().length())
                        .put("answer_sha256", Sha256.hex(turn.text()));
            }
            ArrayNode calls = Json.MAPPER.createArrayNode();
            for (Call call : turn.calls()) {
                CatalogEntry entry = catalog.require(call.action(), "/turn/calls");
                ObjectNode item = calls.addObject().put("step", call.id()).put("action", call.action());
                item.set("params", AuditEntries.params(entry.bind(call.params(), "/turn/calls")));
            }
            return calls;
        }
    }
}
