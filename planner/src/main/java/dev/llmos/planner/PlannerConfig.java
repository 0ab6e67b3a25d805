package dev.llmos.planner;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.llmos.openai.ApiKey;
import dev.llmos.openai.Endpoint;
import dev.llmos.openai.OpenAiConfig;
import dev.llmos.openai.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * the planner's part of the daemon's configuration ({@code /etc/llm-os/planner.toml}, or
 * {@code llm-osd --config}): the privacy setting and the optional llm backends. with no file, only
 * the embedded router plans. the daemon reads the file and hands this part over ({@link #of}).
 *
 * <pre>
 * privacy = "local-only"            # local-only | ask-before-remote | allow-remote
 *
 * [local]                           # llm-modeld, llama-server, ollama: anything openai-compatible
 * endpoint = "unix:/run/llm-modeld/llm-modeld.sock"
 * model = "default"
 * timeout_s = 180                   # a socket-activated model loads on the first request
 * max_tokens = 2048                 # per plan; strings are capped at max_string, arrays at max_items
 *
 * [remote]
 * endpoint = "https://api.example.com/v1"
 * model = "some-large-model"
 * api_key_file = "/etc/llm-os/remote.key"   # root-only (0600); or api_key_env = "some_variable"
 * timeout_s = 60
 * </pre>
 *
 * @param privacy what may leave the machine
 * @param local the local llm, or null
 * @param remote the remote llm, or null
 */
public record PlannerConfig(Privacy privacy, Backend local, Backend remote) {
    /** only the router, nothing leaves the machine. */
    public static final PlannerConfig ROUTER_ONLY = new PlannerConfig(Privacy.LOCAL_ONLY, null, null);

    /**
     * one backend as configured.
     *
     * @param apiKey the key, already read from its file or variable; never printed
     */
    public record Backend(Endpoint endpoint, String model, Duration timeout, ApiKey apiKey, Decoding decoding) {
        OpenAiConfig openAi() {
            OpenAiConfig config = OpenAiConfig.of(endpoint).withTimeouts(OpenAiConfig.DEFAULT_CONNECT_TIMEOUT, timeout)
                    .withRetry(RetryPolicy.DEFAULT);
            return apiKey == null ? config : config.withApiKey(apiKey);
        }

        @Override
        public String toString() {
            return "Backend[" + endpoint + ", " + model + ", " + timeout + (apiKey == null ? "" : ", key") + "]";
        }
    }

    /** the file as written: strict, unknown keys are errors. */
    private record Raw(String privacy, RawBackend local, RawBackend remote) {
    }

    private record RawBackend(String endpoint, String model, Integer timeoutS, String apiKeyFile, String apiKeyEnv,
            Integer maxTokens, Integer maxString, Integer maxItems, Integer maxSteps) {
    }

    private static final TomlMapper TOML = TomlMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * the planner part of a configuration file already parsed as toml ({@code privacy}, {@code [local]},
     * {@code [remote]}); any other key is an error that names {@code file}.
     */
    public static PlannerConfig of(ObjectNode tree, Path file, Map<String, String> env) throws IOException {
        Raw raw;
        try {
            raw = TOML.treeToValue(tree, Raw.class);
        } catch (JsonMappingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage().lines().findFirst().orElse("invalid"), e);
        }
        try {
            Privacy privacy = raw.privacy() == null ? Privacy.LOCAL_ONLY : Privacy.parse(raw.privacy());
            return new PlannerConfig(privacy, backend(raw.local(), "local", env), backend(raw.remote(), "remote", env));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Backend backend(RawBackend raw, String section, Map<String, String> env) throws IOException {
        if (raw == null) {
            return null;
        }
        if (raw.endpoint() == null || raw.model() == null) {
            throw new IllegalArgumentException("[" + section + "] needs endpoint and model");
        }
        int timeout = raw.timeoutS() == null ? 120 : raw.timeoutS();
        if (timeout < 1 || timeout > 3600) {
            throw new IllegalArgumentException("[" + section + "] timeout_s must be 1..3600, not " + timeout);
        }
        Decoding fallback = Decoding.DEFAULT;
        Decoding decoding;
        try {
            decoding = new Decoding(or(raw.maxTokens(), fallback.maxTokens()), or(raw.maxString(), fallback.maxString()),
                    or(raw.maxItems(), fallback.maxItems()), or(raw.maxSteps(), fallback.maxSteps()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[" + section + "] max_tokens is at least 64, max_string at least 8, "
                    + "max_items at least 1, max_steps 1.." + PlanSchema.MAX_STEPS);
        }
        return new Backend(Endpoint.parse(raw.endpoint()), raw.model(), Duration.ofSeconds(timeout),
                apiKey(raw, section, env), decoding);
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static ApiKey apiKey(RawBackend raw, String section, Map<String, String> env) throws IOException {
        if (raw.apiKeyFile() != null && raw.apiKeyEnv() != null) {
            throw new IllegalArgumentException("[" + section + "] takes api_key_file or api_key_env, not both");
        }
        if (raw.apiKeyEnv() != null) {
            String value = env.get(raw.apiKeyEnv());
            if (value == null) {
                throw new IllegalArgumentException("[" + section + "] api_key_env names " + raw.apiKeyEnv()
                        + ", which is not set");
            }
            return new ApiKey(value.strip());
        }
        if (raw.apiKeyFile() != null) {
            Path keyFile = Path.of(raw.apiKeyFile());
            Set<PosixFilePermission> modes = Files.getPosixFilePermissions(keyFile);
            if (modes.contains(PosixFilePermission.GROUP_READ) || modes.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException("[" + section + "] " + keyFile
                        + " is readable by others: make it 0600 (the key must stay secret)");
            }
            return new ApiKey(Files.readString(keyFile, StandardCharsets.UTF_8).strip());
        }
        return null;
    }

    /** the planner this configuration describes, around the embedded {@code router}. */
    public HybridPlanner planner(Planner router) {
        return new HybridPlanner(router, local == null ? null : new LlmPlanner(ChatBackend.of("local", local.model(),
                false, local.decoding(), local.openAi())), remote == null ? null : new LlmPlanner(ChatBackend.of("remote",
                remote.model(), true, remote.decoding(), remote.openAi())), privacy);
    }
}
