package dev.llmos.planner;

import dev.llmos.openai.ChatRequest;
import dev.llmos.openai.ChatResult;
import dev.llmos.openai.OpenAiClient;
import dev.llmos.openai.OpenAiConfig;
import dev.llmos.openai.OpenAiException;
import dev.llmos.support.WireEnum;
import java.time.Instant;

/**
 * one openai-compatible llm the planner may ask (llm-modeld on its unix socket, llama-server,
 * ollama, vllm, a hosted api), with what the planner last saw of it for {@code llmsh status}.
 *
 * @param name the configured name ({@code local}, {@code remote})
 * @param model the model name sent in requests
 * @param remote whether requests leave this machine (the privacy setting governs these)
 * @param decoding what one plan may spend
 */
public record ChatBackend(String name, String model, boolean remote, Decoding decoding, OpenAiClient client,
        Observed observed) {
    /** what the planner knows of a backend's state: only what its own requests showed. */
    public enum State implements WireEnum {
        /** not asked since the daemon started (a socket-activated model server may not even run). */
        DORMANT,
        /** a request is on its way; a local model server may be loading its model. */
        LOADING,
        /** it answered the last request. */
        LOADED,
        /** the last request could not reach it. */
        UNREACHABLE;
    }

    /** the state the last request left, with when and why. */
    public static final class Observed {
        private volatile State state = State.DORMANT;
        private volatile String since = Instant.now().toString();
        private volatile String error;

        void set(State next, String why) {
            state = next;
            since = Instant.now().toString();
            error = why;
        }

        public State state() {
            return state;
        }

        public String since() {
            return since;
        }

        /** the last error, or null. */
        public String error() {
            return error;
        }
    }

    public static ChatBackend of(String name, String model, boolean remote, Decoding decoding, OpenAiConfig config) {
        return new ChatBackend(name, model, remote, decoding, OpenAiClient.create(config), new Observed());
    }

    /** the planner id of plans this backend makes. */
    public String plannerId() {
        return "llm:" + name + ":" + model;
    }

    /** one chat call, recording the state it shows. */
    public ChatResult chat(ChatRequest request) throws OpenAiException, InterruptedException {
        observed.set(State.LOADING, null);
        try {
            ChatResult result = client.chat(request);
            observed.set(State.LOADED, null);
            return result;
        } catch (OpenAiException e) {
            observed.set(e.kind() == OpenAiException.Kind.CONNECTION || e.kind() == OpenAiException.Kind.TIMEOUT
                    ? State.UNREACHABLE : State.LOADED, e.getMessage());
            throw e;
        }
    }
}
