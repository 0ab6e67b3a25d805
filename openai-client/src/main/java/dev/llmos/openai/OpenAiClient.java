package dev.llmos.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * calls an openai-compatible chat completions api (llm-modeld, llama-server, ollama, vllm, hosted
 * apis) over http(s) or a unix socket, with timeouts and retries with backoff. thread-safe; one
 * instance per backend, closed when done.
 */
public final class OpenAiClient implements AutoCloseable {
    private static final String JSON = "application/json";
    private static final int MAX_ERROR_CHARS = 300;

    private final OpenAiConfig config;
    private final HttpClient http;
    private final Sleeper sleeper;

    /** pauses between attempts; tests pass a recording one. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    OpenAiClient(OpenAiConfig config, Sleeper sleeper) {
        this.config = config;
        this.sleeper = sleeper;
        QueuedThreadPool threads = new QueuedThreadPool(8, 1);
        threads.setName("openai-client");
        threads.setDaemon(true);
        this.http = new HttpClient();
        http.setExecutor(threads);
        http.setScheduler(new ScheduledExecutorScheduler("openai-client-scheduler", true));
        http.setConnectTimeout(config.connectTimeout().toMillis());
        http.setFollowRedirects(false);
        http.setUserAgentField(null);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the http client: " + e.getMessage(), e);
        }
    }

    public static OpenAiClient create(OpenAiConfig config) {
        return new OpenAiClient(config, duration -> Thread.sleep(duration));
    }

    public OpenAiConfig config() {
        return config;
    }

    /** sends {@code request} and returns the first choice. */
    public ChatResult chat(ChatRequest request) throws OpenAiException, InterruptedException {
        byte[] body = Json.toBytes(requestBody(request));
        JsonNode answer = call(HttpMethod.POST, "chat/completions", body);
        return firstChoice(answer);
    }

    /** the model ids {@code GET /models} lists. */
    public List<String> models() throws OpenAiException, InterruptedException {
        JsonNode answer = call(HttpMethod.GET, "models", null);
        JsonNode data = answer.path("data");
        if (!data.isArray()) {
            throw protocol("the model list has no data array");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode model : data) {
            ids.add(model.path("id").asText());
        }
        return List.copyOf(ids);
    }

    private JsonNode call(HttpMethod method, String path, byte[] body) throws OpenAiException, InterruptedException {
        RetryPolicy retry = config.retry();
        for (int attempt = 1; ; attempt++) {
            Attempt result = attempt(method, path, body);
            if (result.answer().isPresent()) {
                return result.answer().get();
            }
            OpenAiException failure = result.failure();
            if (!failure.retryable() || attempt >= retry.maxAttempts()) {
                throw failure;
            }
            sleeper.sleep(retry.delayAfter(attempt, result.retryAfter()));
        }
    }

    /** the outcome of one attempt: an answer, or a failure with the server's retry hint. */
    private record Attempt(Optional<JsonNode> answer, OpenAiException failure, Optional<Duration> retryAfter) {
        static Attempt success(JsonNode answer) {
            return new Attempt(Optional.of(answer), null, Optional.empty());
        }

        static Attempt failed(OpenAiException failure, Optional<Duration> retryAfter) {
            return new Attempt(Optional.empty(), failure, retryAfter);
        }
    }

    private Attempt attempt(HttpMethod method, String path, byte[] body) throws InterruptedException {
        Request request = http.newRequest(config.endpoint().resolve(path))
                .method(method)
                .timeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // a model says nothing until its answer is whole: jetty's 30 s idle default would cut a slow one off
                .idleTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(headers -> {
                    headers.put(HttpHeader.ACCEPT, JSON);
                    headers.put(HttpHeader.USER_AGENT, "llm-os");
                    config.apiKey().ifPresent(key -> headers.put(HttpHeader.AUTHORIZATION, "Bearer " + key.value()));
                });
        if (config.endpoint() instanceof Endpoint.UnixSocket unix) {
            request.transport(new Transport.TCPUnix(unix.socket()));
        }
        if (body != null) {
            request.body(new BytesRequestContent(JSON, body));
        }
        ContentResponse response;
        try {
            response = request.send();
        } catch (TimeoutException e) {
            return Attempt.failed(new OpenAiException(OpenAiException.Kind.TIMEOUT, 0,
                    "no answer from " + config.endpoint() + " within " + config.requestTimeout(), null), Optional.empty());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Attempt.failed(new OpenAiException(OpenAiException.Kind.CONNECTION, 0,
                    "cannot reach " + config.endpoint() + ": " + describe(cause), null), Optional.empty());
        }
        int status = response.getStatus();
        if (status / 100 != 2) {
            return Attempt.failed(new OpenAiException(OpenAiException.Kind.HTTP, status,
                    config.endpoint() + " answered " + status + ": " + errorMessage(response), null),
                    retryAfter(response.getHeaders().get(HttpHeader.RETRY_AFTER)));
        }
        try {
            return Attempt.success(Json.MAPPER.readTree(response.getContent()));
        } catch (IOException e) {
            return Attempt.failed(protocol("the answer is not json: " + firstLine(e.getMessage())), Optional.empty());
        }
    }

    private static ObjectNode requestBody(ChatRequest request) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            ObjectNode item = messages.addObject().put("role", message.role().wireName()).put("content", message.content());
            if (!message.toolCalls().isEmpty()) {
                ArrayNode calls = item.putArray("tool_calls");
                for (ToolCall call : message.toolCalls()) {
                    calls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                            .put("name", call.name()).put("arguments", call.arguments());
                }
            }
            if (message.toolCallId() != null) {
                item.put("tool_call_id", message.toolCallId());
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function")
                        .put("name", tool.name()).put("description", tool.description());
                function.set("parameters", tool.parameters());
                if (tool.strict()) {
                    function.put("strict", true);
                }
            }
            switch (request.toolChoice()) {
                case ToolChoice.Auto auto -> body.put("tool_choice", "auto");
                case ToolChoice.Required required -> body.put("tool_choice", "required");
                case ToolChoice.None none -> body.put("tool_choice", "none");
                case ToolChoice.Named named -> body.putObject("tool_choice").put("type", "function")
                        .putObject("function").put("name", named.name());
            }
        }
        body.put("max_tokens", request.maxTokens());
        body.put("temperature", request.temperature());
        request.seed().ifPresent(seed -> body.put("seed", seed));
        request.responseFormat().ifPresent(format -> {
            ObjectNode schema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema");
            schema.put("name", format.name());
            schema.set("schema", format.schema());
            schema.put("strict", format.strict());
        });
        body.put("stream", false);
        return body;
    }

    private ChatResult firstChoice(JsonNode answer) throws OpenAiException {
        JsonNode choice = answer.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            throw protocol("the answer has no choices[0].message");
        }
        JsonNode content = message.path("content");
        List<ToolCall> calls = toolCalls(message.path("tool_calls"));
        if (!content.isTextual() && calls.isEmpty()) {
            String refusal = message.path("refusal").asText("");
            throw protocol(refusal.isEmpty() ? "the first choice has no text content" : "the model refused: " + clip(refusal));
        }
        JsonNode usage = answer.path("usage");
        return new ChatResult(content.isTextual() ? content.asText() : "", choice.path("finish_reason").asText("unknown"),
                answer.path("model").asText(""), usage.path("prompt_tokens").asInt(0),
                usage.path("completion_tokens").asInt(0), calls);
    }

    /**
     * the function calls of an assistant message. a call whose name or arguments are missing is a
     * protocol error; what the arguments say is checked later, by whoever runs the call.
     */
    private List<ToolCall> toolCalls(JsonNode calls) throws OpenAiException {
        if (calls.isMissingNode() || calls.isNull()) {
            return List.of();
        }
        if (!calls.isArray()) {
            throw protocol("tool_calls is not an array");
        }
        List<ToolCall> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            JsonNode function = calls.get(i).path("function");
            JsonNode name = function.path("name");
            JsonNode arguments = function.path("arguments");
            if (!name.isTextual()) {
                throw protocol("tool_calls[" + i + "] has no function name");
            }
            // some servers send the arguments as an object rather than as its json text
            String text = arguments.isTextual() ? arguments.asText()
                    : arguments.isMissingNode() || arguments.isNull() ? "{}" : Json.toString(arguments);
            out.add(new ToolCall(calls.get(i).path("id").asText("call_" + i), name.asText(), text));
        }
        return List.copyOf(out);
    }

    private static String errorMessage(ContentResponse response) {
        String text = new String(response.getContent(), StandardCharsets.UTF_8);
        try {
            JsonNode error = Json.MAPPER.readTree(text).path("error");
            if (error.path("message").isTextual()) {
                return clip(error.path("message").asText());
            }
            if (error.isTextual()) {
                return clip(error.asText());
            }
        } catch (IOException e) {
            // not json: the raw text below is the best there is
        }
        return text.isBlank() ? response.getReason() : clip(text);
    }

    /** {@code Retry-After} in seconds; the http-date form is rare for apis and is ignored. */
    static Optional<Duration> retryAfter(String header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private OpenAiException protocol(String message) {
        return new OpenAiException(OpenAiException.Kind.PROTOCOL, 0, config.endpoint() + ": " + message, null);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + firstLine(message);
    }

    private static String clip(String text) {
        String line = text.strip();
        return line.length() <= MAX_ERROR_CHARS ? line : line.substring(0, MAX_ERROR_CHARS) + "...";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the http client: " + e.getMessage(), e);
        }
    }
}
