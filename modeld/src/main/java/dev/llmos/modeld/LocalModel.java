package dev.llmos.modeld;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.Pair;
import dev.llmos.protocol.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * a gguf model run in this process by llama.cpp (de.kherud:llama), one request at a time. with
 * {@link Sampling#GREEDY} and the prompt cache off, the same prompt gives byte-identical text.
 *
 * <p>llama.cpp keeps a non-daemon thread alive after {@link #close()}, so a process that loaded a
 * model must end with {@code System.exit}; and native memory grows with every load, so load once
 * per process (or per test class).
 */
public final class LocalModel implements AutoCloseable {
    private static final byte[] GGUF_MAGIC = "GGUF".getBytes(StandardCharsets.US_ASCII);

    private final LlamaModel model;
    private final ModelConfig config;
    private final String id;
    private final ReentrantLock lock = new ReentrantLock(true);

    private LocalModel(LlamaModel model, ModelConfig config) {
        this.model = model;
        this.config = config;
        this.id = idOf(config.model());
    }

    /** loads the model file; a missing, unreadable or non-gguf file fails before llama.cpp sees it. */
    public static LocalModel load(ModelConfig config) throws ModelException {
        checkFile(config.model());
        NativeLibrary.prepare();
        ModelParameters parameters = new ModelParameters()
                .setModel(config.model().toString())
                .setCtxSize(config.contextSize())
                .setThreads(config.threads())
                .setThreadsBatch(config.threads())
                .setParallel(1)
                .skipWarmup();
        if (!config.verbose()) {
            parameters.disableLog();
        }
        try {
            return new LocalModel(new LlamaModel(parameters), config);
        } catch (RuntimeException e) {
            // the binding's llama exception is package-private: a runtime exception is all that shows
            throw new ModelException(ModelException.Kind.LOAD_FAILED,
                    "llama.cpp cannot load " + config.model() + ": " + e.getMessage(), e);
        }
    }

    /** the model's name: its file name without {@code .gguf}. */
    public static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".gguf") ? name.substring(0, name.length() - ".gguf".length()) : name;
    }

    public String id() {
        return id;
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * the prompt for a chat, through the model's own chat template (chatml when the file has
     * none), ending where the assistant's answer begins. system messages are joined into one,
     * placed first, as the templates expect.
     */
    public String chatPrompt(List<ChatTurn> turns) throws ModelException {
        List<String> system = new ArrayList<>();
        List<Pair<String, String>> messages = new ArrayList<>();
        for (ChatTurn turn : turns) {
            if (turn.role().equals(ChatTurn.SYSTEM)) {
                system.add(turn.content());
            } else {
                messages.add(new Pair<>(turn.role(), turn.content()));
            }
        }
        if (messages.isEmpty()) {
            throw new ModelException(ModelException.Kind.INVALID_REQUEST, "a chat needs at least one user message");
        }
        InferenceParameters parameters = new InferenceParameters("").setMessages(String.join("\n\n", system), messages);
        lock.lock();
        try {
            return model.applyTemplate(parameters);
        } catch (RuntimeException e) {
            throw new ModelException(ModelException.Kind.INVALID_REQUEST, "the chat template failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** greedy decoding of at most {@code maxTokens} tokens, constrained by {@code jsonSchema} when given. */
    public Completion complete(String prompt, Optional<String> jsonSchema, int maxTokens) throws ModelException {
        return complete(Generation.greedy(prompt, jsonSchema, maxTokens));
    }

    /** work that needs the model to itself, start to end: a sequence of generations that continue each other. */
    @FunctionalInterface
    public interface Exclusive<T> {
        T run() throws ModelException;
    }

    /** runs {@code work} with no other request in between (the kv cache stays what {@code work} left). */
    public <T> T exclusive(Exclusive<T> work) throws ModelException {
        lock.lock();
        try {
            return work.run();
        } finally {
            lock.unlock();
        }
    }

    /**
     * empties the kv cache (a one-token request that may not reuse it), so that the next request, even
     * one allowed to continue the cache, evaluates its prompt from the start: as deterministic as a
     * fresh request, and cached for the continuations after it. nothing to do when the model is
     * configured to reuse the cache anyway.
     */
    public void forgetCache() throws ModelException {
        if (!config.cachePrompt()) {
            complete(Generation.greedy(" ", Optional.empty(), 1));
        }
    }

    /** the prompt's length in tokens. */
    public int tokens(String text) {
        lock.lock();
        try {
            return text.isEmpty() ? 0 : model.encode(text).length;
        } finally {
            lock.unlock();
        }
    }

    public Completion complete(Generation generation) throws ModelException {
        Optional<String> grammar = generation.grammar().isPresent() ? generation.grammar()
                : grammarFor(generation.jsonSchema());
        lock.lock();
        try {
            int promptTokens = model.encode(generation.prompt()).length;
            int budget = Math.min(generation.maxTokens(), config.contextSize() - promptTokens - 1);
            if (budget < 1) {
                throw new ModelException(ModelException.Kind.CONTEXT_EXCEEDED, "the prompt has " + promptTokens
                        + " tokens and leaves no room to answer in a context of " + config.contextSize());
            }
            InferenceParameters parameters = new InferenceParameters(generation.prompt())
                    .setNPredict(budget)
                    .setTemperature(generation.sampling().temperature())
                    .setSeed(generation.sampling().seed())
                    .setCachePrompt(config.cachePrompt() || generation.cachePrompt());
            grammar.ifPresent(parameters::setGrammar);
            if (!generation.stop().isEmpty()) {
                parameters.setStopStrings(generation.stop().toArray(String[]::new));
            }
            String text = model.complete(parameters);
            int completionTokens = text.isEmpty() ? 0 : model.encode(text).length;
            boolean cut = generation.jsonSchema().isPresent() ? !isJson(text) : completionTokens >= budget;
            return new Completion(text, promptTokens, completionTokens, cut ? Completion.LENGTH : Completion.STOP);
        } catch (RuntimeException e) {
            throw new ModelException(ModelException.Kind.GENERATION_FAILED, "llama.cpp failed: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private static Optional<String> grammarFor(Optional<String> jsonSchema) throws ModelException {
        if (jsonSchema.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonSchemaGrammar.of(jsonSchema.get()));
        } catch (IllegalArgumentException e) {
            throw new ModelException(ModelException.Kind.INVALID_REQUEST, e.getMessage(), e);
        }
    }

    /** a grammar-constrained answer that does not parse was cut off by the token limit. */
    private static boolean isJson(String text) {
        try {
            Json.MAPPER.readTree(text);
            return !text.isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    /** fails fast on a missing, unreadable or non-gguf file, without loading it. */
    static void checkFile(Path file) throws ModelException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ModelException(ModelException.Kind.LOAD_FAILED, "no readable model file at " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(GGUF_MAGIC.length);
            if (!Arrays.equals(magic, GGUF_MAGIC)) {
                throw new ModelException(ModelException.Kind.LOAD_FAILED, file + " is not a gguf file");
            }
        } catch (IOException e) {
            throw new ModelException(ModelException.Kind.LOAD_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** frees the model's memory. the process still has to exit explicitly (see the class note). */
    @Override
    public void close() {
        lock.lock();
        try {
            model.close();
        } finally {
            lock.unlock();
        }
    }
}
