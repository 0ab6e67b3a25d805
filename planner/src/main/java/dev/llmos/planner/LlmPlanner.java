package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.openai.ChatMessage;
import dev.llmos.openai.ChatRequest;
import dev.llmos.openai.ChatResult;
import dev.llmos.openai.JsonSchemaFormat;
import dev.llmos.openai.OpenAiException;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.Plan;
import dev.llmos.protocol.RpcException;
import java.util.ArrayList;
import java.util.List;

/**
 * a planner that asks an llm for the plan's steps, constrained to the plan schema built from the live
 * catalog (temperature 0, fixed seed), then validates them exactly as the daemon would. an answer that
 * still fails gets one repair round carrying the precise error; after that the request is refused
 * with -32005. the plan records this planner, never what the model claims.
 */
final class LlmPlanner implements Planner {
    /** the sampling seed of every request: same prompt, same model, same plan. */
    public static final long SEED = 42;
    private final ChatBackend backend;

    public LlmPlanner(ChatBackend backend) {
        this.backend = backend;
    }

    public ChatBackend backend() {
        return backend;
    }

    @Override
    public String id() {
        return backend.plannerId();
    }

    @Override
    public Plan plan(String text, PlanContext context) throws PlanningException {
        JsonSchemaFormat format = new JsonSchemaFormat("plan", PlanSchema.proposal(context.catalog(), backend.decoding()),
                true);
        List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.system(Prompts.system(context)),
                ChatMessage.user(Prompts.user(text))));
        String answer = ask(messages, format);
        try {
            return validated(text, answer, context);
        } catch (RpcException first) {
            messages.add(ChatMessage.assistant(answer));
            messages.add(ChatMessage.user(Prompts.repair(pointer(first), first.getMessage())));
            String repaired = ask(messages, format);
            try {
                return validated(text, repaired, context);
            } catch (RpcException second) {
                throw new PlanningException(PlanningException.Reason.INVALID_PLAN, id() + " proposed an invalid plan, "
                        + "also after one repair: " + second.getMessage(), List.of(), pointer(second));
            }
        }
    }

    private String ask(List<ChatMessage> messages, JsonSchemaFormat format) throws PlanningException {
        try {
            ChatResult result = backend.chat(ChatRequest.deterministic(backend.model(), messages,
                    backend.decoding().maxTokens(), format, SEED));
            return result.content();
        } catch (OpenAiException e) {
            throw new PlanningException(PlanningException.Reason.BACKEND_UNAVAILABLE, "the " + backend.name()
                    + " llm (" + backend.endpoint() + ") did not answer: " + e.getMessage(), List.of(),
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanningException(PlanningException.Reason.BACKEND_UNAVAILABLE, "interrupted while asking the "
                    + backend.name() + " llm", List.of(), null);
        }
    }

    /** the plan in {@code answer}, checked against the catalog, or -32005 naming what is wrong. */
    private Plan validated(String text, String answer, PlanContext context) throws RpcException {
        JsonNode json;
        try {
            json = Json.parse(answer.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (RpcException e) {
            throw RpcException.of(dev.llmos.protocol.ErrorCodes.PLAN_INVALID, "the answer is not json: "
                    + e.getMessage(), Json.MAPPER.createObjectNode().put("pointer", ""));
        }
        if (!(json instanceof ObjectNode proposal) || !proposal.has("steps") || proposal.size() != 1) {
            throw RpcException.of(dev.llmos.protocol.ErrorCodes.PLAN_INVALID,
                    "the answer must be an object with only steps", Json.MAPPER.createObjectNode().put("pointer", ""));
        }
        ObjectNode plan = Json.MAPPER.createObjectNode().put("version", Plan.VERSION).put("request", text)
                .put("planner", id());
        plan.set("steps", proposal.get("steps"));
        return PlanValidator.check(PlanValidator.parse(plan), context.catalog());
    }

    private static String pointer(RpcException e) {
        JsonNode data = e.error().data();
        return data == null ? "" : data.path("pointer").asText("");
    }
}
