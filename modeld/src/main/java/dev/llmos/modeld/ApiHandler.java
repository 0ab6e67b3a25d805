package dev.llmos.modeld;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * the openai-compatible api: {@code POST /v1/chat/completions}, {@code GET /v1/models}, and
 * {@code GET /health} for state (dormant, loading, loaded, failed) without loading anything. errors
 * are openai-style json with a matching status. prompts and answers are never logged.
 */
final class ApiHandler extends Handler.Abstract {
    static final int MAX_BODY_BYTES = 8 << 20;
    private static final int DEFAULT_MAX_TOKENS = 512;

    private final ModelSlot slot;
    private final IdleTracker idle;
    private final Clock clock;
    private final String activation;
    private final AtomicLong completions = new AtomicLong();

    ApiHandler(ModelSlot slot, IdleTracker idle, Clock clock, String activation) {
        this.slot = slot;
        this.idle = idle;
        this.clock = clock;
        this.activation = activation;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        ObjectNode body;
        int status = 200;
        try {
            body = route(request);
        } catch (ApiException e) {
            status = e.status();
            body = error(e);
        } catch (RuntimeException e) {
            System.err.println("llm-modeld: internal error: " + e);
            status = 500;
            body = error(new ApiException(500, ApiException.SERVER_ERROR, null, null, "internal error: " + e.getMessage()));
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.toBytes(body)), callback);
        return true;
    }

    private ObjectNode route(Request request) throws ApiException {
        String path = Request.getPathInContext(request);
        if (path.equals("/health")) {
            requireMethod(request, HttpMethod.GET);
            return health();
        }
        if (!idle.begin()) {
            throw new ApiException(503, ApiException.SERVER_ERROR, null, "shutting_down", "llm-modeld is exiting after idling; retry");
        }
        try {
            return api(request, path);
        } finally {
            idle.end();
        }
    }

    private ObjectNode api(Request request, String path) throws ApiException {
        return switch (path) {
            case "/v1/chat/completions" -> {
                requireMethod(request, HttpMethod.POST);
                yield chat(readBody(request));
            }
            case "/v1/models" -> {
                requireMethod(request, HttpMethod.GET);
                yield models();
            }
            default -> throw new ApiException(404, ApiException.NOT_FOUND, null, "unknown_url", "no such endpoint: " + path);
        };
    }

    private ObjectNode chat(byte[] body) throws ApiException {
        ChatCompletionRequest request = ChatRequestParser.parse(body);
        try {
            LocalModel model = slot.get();
            if (request.callsTools()) {
                List<ChatTurn> turns = new ArrayList<>();
                turns.add(new ChatTurn(ChatTurn.SYSTEM, ToolPrompt.system(request.tools())));
                turns.addAll(request.turns());
                ToolDecoder.Decoded decoded = ToolDecoder.decode(model, model.chatPrompt(turns), request.tools(),
                        request.toolMode(), request.parallelCalls(), request.maxTokens().orElse(DEFAULT_MAX_TOKENS),
                        request.sampling());
                return toolsJson(model.id(), decoded, assistantTurns(request.turns()));
            }
            String prompt = model.chatPrompt(request.turns());
            Generation generation = new Generation(prompt, request.jsonSchema(),
                    request.maxTokens().orElse(DEFAULT_MAX_TOKENS), request.sampling(), request.stop());
            Completion completion = model.complete(generation);
            return completionJson(model.id(), completion);
        } catch (ModelException e) {
            throw fromModel(e);
        }
    }

    private static int assistantTurns(List<ChatTurn> turns) {
        return (int) turns.stream().filter(turn -> turn.role().equals(ChatTurn.ASSISTANT)).count();
    }

    /** a decoded turn as a completion: its calls (ids numbered by the turn, deterministic) or its text. */
    private ObjectNode toolsJson(String model, ToolDecoder.Decoded decoded, int turn) {
        ObjectNode body = completionJson(model, new Completion(decoded.content() == null ? "" : decoded.content(),
                decoded.promptTokens(), decoded.completionTokens(), decoded.finishReason()));
        if (!decoded.calls().isEmpty()) {
            ObjectNode message = (ObjectNode) body.at("/choices/0/message");
            message.putNull("content");
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < decoded.calls().size(); i++) {
                ToolDecoder.Call call = decoded.calls().get(i);
                calls.addObject().put("id", "call_" + turn + "_" + i).put("type", "function").putObject("function")
                        .put("name", call.name()).put("arguments", call.arguments());
            }
        }
        return body;
    }

    private ObjectNode completionJson(String model, Completion completion) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("id", "chatcmpl-" + completions.incrementAndGet());
        body.put("object", "chat.completion");
        body.put("created", clock.instant().getEpochSecond());
        body.put("model", model);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", completion.text());
        choice.put("finish_reason", completion.finishReason());
        body.putObject("usage")
                .put("prompt_tokens", completion.promptTokens())
                .put("completion_tokens", completion.completionTokens())
                .put("total_tokens", completion.promptTokens() + completion.completionTokens());
        return body;
    }

    private ObjectNode models() {
        ObjectNode body = Json.MAPPER.createObjectNode().put("object", "list");
        body.putArray("data").addObject()
                .put("id", slot.modelId())
                .put("object", "model")
                .put("owned_by", "llm-os");
        return body;
    }

    private ObjectNode health() {
        return Json.MAPPER.createObjectNode()
                .put("status", "ok")
                .put("activation", activation)
                .put("model", slot.modelId())
                .put("state", slot.state().name().toLowerCase(Locale.ROOT))
                .put("load_ms", slot.loadMillis())
                .put("in_flight", idle.inFlight())
                .put("completions", completions.get());
    }

    private static ApiException fromModel(ModelException e) {
        return switch (e.kind()) {
            case INVALID_REQUEST -> new ApiException(400, ApiException.INVALID_REQUEST, null, null, e.getMessage());
            case CONTEXT_EXCEEDED -> new ApiException(400, ApiException.INVALID_REQUEST, "messages",
                    "context_length_exceeded", e.getMessage());
            case LOAD_FAILED -> new ApiException(503, ApiException.SERVER_ERROR, null, "model_not_loaded", e.getMessage());
            case GENERATION_FAILED -> new ApiException(500, ApiException.SERVER_ERROR, null, null, e.getMessage());
        };
    }

    private static void requireMethod(Request request, HttpMethod method) throws ApiException {
        if (!method.is(request.getMethod())) {
            throw new ApiException(405, ApiException.INVALID_REQUEST, null, "method_not_allowed",
                    request.getMethod() + " is not allowed here; use " + method.asString());
        }
    }

    private static byte[] readBody(Request request) throws ApiException {
        long declared = request.getLength();
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw ApiException.invalid(null, "cannot read the request body: " + e.getMessage());
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(413, ApiException.INVALID_REQUEST, null, "request_too_large",
                "the request body exceeds " + MAX_BODY_BYTES + " bytes");
    }

    private static ObjectNode error(ApiException e) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", e.getMessage());
        error.put("type", e.type());
        error.put("param", e.param());
        error.put("code", e.code());
        return body;
    }
}
