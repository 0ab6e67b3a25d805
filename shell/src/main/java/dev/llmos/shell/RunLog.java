package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.loop.End;
import dev.llmos.loop.Spend;
import dev.llmos.protocol.Json;
import java.time.Instant;

/**
 * the run record of one loop, beside its transcript: what varies between runs and so stays out of
 * the transcript. when it ran, each turn's transaction id, model and timings (the model's share
 * reported by the daemon), each step's transaction id and round trip, and what was spent.
 */
final class RunLog {
    private final ObjectNode root = Json.MAPPER.createObjectNode();
    private final ArrayNode turns;
    private final ObjectNode steps;

    RunLog(String transcript, String mode) {
        root.put("transcript", transcript).put("mode", mode).put("started", Instant.now().toString());
        turns = root.putArray("turns");
        steps = root.putObject("steps");
    }

    /** a model turn: the daemon's answer to {@code loop.turn} and the round trip. */
    void turn(JsonNode answer, double roundTripMs, boolean consented) {
        ObjectNode turn = turns.addObject().put("txid", answer.path("txid").asText(null))
                .put("model", answer.at("/turn/model").asText(null))
                .put("backend", answer.at("/backend/name").asText(null))
                .put("remote", answer.at("/backend/remote").asBoolean(false))
                .put("remote_consent", consented)
                .put("model_ms", answer.path("model_ms").asDouble(0))
                .put("turn_ms", roundTripMs)
                .put("sent_bytes", answer.path("sent_bytes").asLong(0));
        turn.put("overhead_ms", roundTripMs - answer.path("model_ms").asDouble(0));
    }

    /** a turn from a recording (replay): no model was asked. */
    void recorded(String model) {
        turns.addObject().put("model", model).put("replayed", true);
    }

    /** the time from asking for a turn to having all its results. */
    void iteration(double wallMs) {
        if (!turns.isEmpty()) {
            ((ObjectNode) turns.get(turns.size() - 1)).put("iteration_ms", wallMs);
        }
    }

    void step(String id, String action, String txid, boolean undo, double ms) {
        steps.putObject(id).put("action", action).put("txid", txid).put("undo", undo).put("ms", ms);
    }

    /** the transaction of step {@code id}, or null when it did not run. */
    String txid(String id) {
        JsonNode txid = steps.path(id).path("txid");
        return txid.isTextual() ? txid.asText() : null;
    }

    boolean undoable(String id) {
        return steps.path(id).path("undo").asBoolean(false);
    }

    void end(End end, Spend spend, double wallMs) {
        root.put("finished", Instant.now().toString()).put("wall_ms", wallMs);
        root.set("end", Json.toTree(end));
        root.set("spend", Json.toTree(spend));
    }

    ObjectNode json() {
        return root;
    }
}
