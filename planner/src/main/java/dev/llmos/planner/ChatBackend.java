package dev.llmos.planner;

import dev.llmos.openai.ChatRequest;
import dev.llmos.openai.ChatResult;
import dev.llmos.openai.OpenAiClient;
import dev.llmos.openai.OpenAiConfig;
import dev.llmos.openai.OpenAiException;
import dev.llmos.support.WireEnum;
import java.time.Instant;

/**
 * one llm the planner may ask, of any kind (its {@link Transport}), with what the planner last saw of
 * it for {@code llmsh status}.
 *
 * @param name the configured name ({@code local}, {@code remote}, or a {@code [[backend]]}'s name)
 * @param model the model name sent in requests
 * @param remote whether requests leave this machine (the privacy setting governs these)
 * @param decoding what one plan may spend
 * @param transport how a chat reaches the model
 */
record ChatBackend(String name, String model, boolean remote, Decoding decoding, Transport transport,
        Observed observed) {
    /**
     * how a chat reaches one kind of model server: the only part a new kind of backend writes. errors are
     * {@link OpenAiException}s, whose kind says whether the server could be reached.
     */
    interface Transport extends AutoCloseable {
        ChatResult chat(ChatRequest request) throws OpenAiException, InterruptedException;

        /** where the model is (an url or a unix socket), for messages and status; never a key. */
        String endpoint();

        @Override
        void close();

        /** an openai-compatible server: llm-modeld on its unix socket, llama-server, ollama, vllm, a hosted api. */
        static Transport openAi(OpenAiConfig config) {
            OpenAiClient client = OpenAiClient.create(config);
            return new Transport() {
                @Override
                public ChatResult chat(ChatRequest request) throws OpenAiException, InterruptedException {
                    return client.chat(request);
                }

                @Override
                public String endpoint() {
                    return client.config().endpoint().toString();
                }

                @Override
                public void close() {
                    client.close();
                }
            };
        }
    }

    /** what the planner knows of a backend's state: only what its own requests showed. */
    enum State implements WireEnum {
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
    static final class Observed {
        private volatile State state = State.DORMANT;
        private volatile String since = Instant.now().toString();
        private volatile String error;

        void set(State next, String why) {
            state = next;
            since = Instant.now().toString();
            error = why;
        }

        State state() {
            return state;
        }

        String since() {
            return since;
        }

        /** the last error, or null. */
        String error() {
            return error;
        }
    }

    /** an openai-compatible backend. */
    static ChatBackend of(String name, String model, boolean remote, Decoding decoding, OpenAiConfig config) {
        return new ChatBackend(name, model, remote, decoding, Transport.openAi(config), new Observed());
    }

    /** the planner id of plans this backend makes. */
    String plannerId() {
        return "llm:" + name + ":" + model;
    }

    /** where the model is, for messages. */
    String endpoint() {
        return transport.endpoint();
    }

    /** who this backend is, as the facade shows it. */
    PlannerService.Llm describe() {
        return new PlannerService.Llm(name, model, transport.endpoint(), remote);
    }

    /** its state as {@code system.status} shows it. */
    PlannerService.LlmStatus status() {
        return new PlannerService.LlmStatus(describe(), observed.state().wireName(), observed.since(), observed.error());
    }

    /** one chat call, recording the state it shows. */
    ChatResult chat(ChatRequest request) throws OpenAiException, InterruptedException {
        observed.set(State.LOADING, null);
        try {
            ChatResult result = transport.chat(request);
            observed.set(State.LOADED, null);
            return result;
        } catch (OpenAiException e) {
            observed.set(e.kind() == OpenAiException.Kind.CONNECTION || e.kind() == OpenAiException.Kind.TIMEOUT
                    ? State.UNREACHABLE : State.LOADED, e.getMessage());
            throw e;
        }
    }
}
