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
import dev.llmos.planner.ChatBackend;
import dev.llmos.planner.LoopInput;
import dev.llmos.planner.LoopPlanner;
import dev.llmos.planner.ModelTurn;
import dev.llmos.planner.Outbound;
import dev.llmos.planner.PlanContext;
import dev.llmos.planner.PlanningException;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
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
    private final LoopPlanner loop;
    private final ConfirmTokens tokens;
    private final AuditLog audit;
    private final TxIds txids;

    Loops(ActionCatalog catalog, LoopPlanner loop, ConfirmTokens tokens, AuditLog audit, TxIds txids) {
        this.catalog = catalog;
        this.loop = loop;
        this.tokens = tokens;
        this.audit = audit;
        this.txids = txids;
    }

    JsonNode turn(Params params, Caller caller, RunContext run) throws RpcException {
        String unavailable = loop.unavailable();
        if (unavailable != null) {
            ObjectNode data = Json.MAPPER.createObjectNode().put("reason", "no_model").put("detail", unavailable)
                    .put("configure", CONFIGURE);
            throw RpcException.of(ErrorCodes.PLANNER_UNAVAILABLE, "no model may run a loop: " + unavailable, data);
        }
        PlanContext context = PlanContext.of(catalog, caller, cwd(params.cwd()));
        Outbound outbound = loop.prepare(new LoopInput(params.request(), params.turns(), params.maxTokens() == null
                ? OptionalInt.empty() : OptionalInt.of(params.maxTokens()), Boolean.TRUE.equals(params.answerNow())), context,
                "/params/turns");
        ConfirmTokens.Subject subject = new ConfirmTokens.Subject(caller.uid(),
                Sha256.hex("loop.turn\n" + outbound.sha256()), "");
        String refused = null;
        if (params.confirm() != null) {
            refused = !run.confirmable() ? "a program running in one of llm-osd's sandboxes cannot confirm"
                    : tokens.redeem(params.confirm(), subject) instanceof ConfirmTokens.Refused why ? why.reason() : null;
            if (refused == null) {
                context = context.withRemoteConsent();
            }
        }
        String txid = txids.next();
        Trail trail = new Trail(caller, params, outbound, txid, context.remoteConsent());
        try {
            ModelTurn next = loop.next(outbound, context, run::cancelled);
            trail.record(next, next.turn().isAnswer() ? Outcome.ANSWERED : Outcome.PROPOSED, null);
            ObjectNode result = Json.MAPPER.createObjectNode().put("txid", txid);
            result.set("turn", Json.toTree(next.turn()));
            result.put("model_ms", next.modelNanos() / 1e6).put("sent_bytes", next.sentBytes());
            result.putObject("backend").put("name", next.backend().name()).put("remote", next.backend().remote());
            return result;
        } catch (PlanningException e) {
            if (e.reason() == PlanningException.Reason.REMOTE_CONSENT) {
                if (!run.confirmable()) {
                    trail.record(null, Outcome.DENIED, "a sandboxed program cannot consent");
                    throw RpcException.denied("sending this turn to a remote model needs a person's consent, and a "
                            + "program running in one of llm-osd's sandboxes cannot give it");
                }
                trail.record(null, params.confirm() == null ? Outcome.CONFIRMATION_REQUIRED : Outcome.CONFIRMATION_REFUSED,
                        null);
                throw consent(subject, outbound, e.getMessage(), refused);
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

    /** -32002: what would leave the machine, with a token bound to exactly that chat. */
    private RpcException consent(ConfirmTokens.Subject subject, Outbound outbound, String why, String refused) {
        ChatBackend remote = loop.remote();
        ObjectNode data = Json.MAPPER.createObjectNode().put("confirm", tokens.issue(subject))
                .put("expires_s", tokens.lifetime().toSeconds()).put("reason", why)
                .put("rule", "privacy." + loop.privacy().wireName());
        ObjectNode preview = data.putObject("preview").put("action", "loop.turn").put("privacy", loop.privacy().wireName());
        if (remote != null) {
            preview.put("model", remote.model()).put("endpoint", remote.client().config().endpoint().toString());
        }
        preview.set("sends", outbound.sends());
        return RpcException.of(ErrorCodes.CONFIRMATION_REQUIRED, "confirmation required: " + why
                + (refused == null ? "" : " (" + refused + ")"), data);
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

        void record(ModelTurn next, Outcome outcome, String detail) throws RpcException {
            ObjectNode asked = Json.MAPPER.createObjectNode();
            asked.set("request", AuditEntries.redact(Json.MAPPER.getNodeFactory().textNode(params.request())));
            asked.put("turn", params.turns().size() + 1).put("messages", outbound.messages().size())
                    .put("sent_bytes", outbound.bytes()).put("sent_sha256", outbound.sha256());
            ArrayNode sent = asked.putArray("outputs_sent");
            outbound.outputs().forEach(output -> sent.add(output.step()));
            if (next != null) {
                asked.put("model", next.turn().model()).put("endpoint", next.backend().client().config().endpoint().toString())
                        .put("remote", next.backend().remote()).put("repairs", next.turn().repairs());
                asked.set("usage", Json.toTree(next.turn().usage()));
                asked.set("proposed", proposed(next.turn()));
            }
            boolean remote = next != null && next.backend().remote();
            String reason = remote ? (consented ? "a remote model, with the person's consent to this chat"
                    : "a remote model, as privacy allows") : "the local model runs the loop";
            String decision = outcome == Outcome.CONFIRMATION_REQUIRED || outcome == Outcome.CONFIRMATION_REFUSED ? "ask"
                    : "allow";
            try {
                audit.append(new AuditEntry(AuditCaller.of(caller), "loop.turn", asked, decision,
                        "privacy." + loop.privacy().wireName(), reason, outcome.text(detail), txid, null));
            } catch (IOException e) {
                throw RpcException.internal("the audit record of " + txid + " could not be written: " + e.getMessage());
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
