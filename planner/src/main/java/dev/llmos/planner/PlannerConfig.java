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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * the planner's part of the daemon's configuration ({@code /etc/llm-os/planner.toml}, or
 * {@code llm-osd --config}): the privacy setting and the llm backends, any number, in order. with
 * none, only the embedded router plans. the daemon reads the file and hands this part over ({@link #of}).
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
 * or, instead of {@code [local]} and {@code [remote]}, a list of backends, each with a unique
 * {@code name}, its {@code kind} ({@code openai}, the default) and whether it is {@code remote}
 * ({@code true} unless it says {@code false}, so privacy governs a backend nobody described), and
 * the keys above:
 *
 * <pre>
 * [[backend]]
 * name = "modeld"
 * remote = false
 * endpoint = "unix:/run/llm-modeld/llm-modeld.sock"
 * model = "default"
 * </pre>
 *
 * @param privacy what may leave the machine
 * @param backends the llms in the configured order ({@code [local]} before {@code [remote]})
 */
public record PlannerConfig(Privacy privacy, List<Backend> backends) {
    /** only the router, nothing leaves the machine. */
    public static final PlannerConfig ROUTER_ONLY = new PlannerConfig(Privacy.LOCAL_ONLY, List.of());

    /** the kinds of backend a configuration may name. */
    private static final Map<String, Function<Backend, ChatBackend.Transport>> KINDS = Map.of(
            "openai", backend -> ChatBackend.Transport.openAi(backend.openAi()));

    public PlannerConfig {
        Objects.requireNonNull(privacy, "privacy");
        backends = List.copyOf(backends);
    }

    /**
     * one backend as configured.
     *
     * @param name its name, in plan ids ({@code llm:NAME:MODEL}) and status
     * @param kind how it is reached ({@code openai})
     * @param remote whether requests leave this machine
     * @param apiKey the key, already read from its file or variable; never printed
     */
    record Backend(String name, String kind, boolean remote, Endpoint endpoint, String model, Duration timeout,
            ApiKey apiKey, Decoding decoding) {
        OpenAiConfig openAi() {
            OpenAiConfig config = OpenAiConfig.of(endpoint).withTimeouts(OpenAiConfig.DEFAULT_CONNECT_TIMEOUT, timeout)
                    .withRetry(RetryPolicy.DEFAULT);
            return apiKey == null ? config : config.withApiKey(apiKey);
        }

        ChatBackend chat() {
            return new ChatBackend(name, model, remote, decoding, KINDS.get(kind).apply(this),
                    new ChatBackend.Observed());
        }

        @Override
        public String toString() {
            return "Backend[" + name + ", " + kind + (remote ? ", remote, " : ", local, ") + endpoint + ", " + model
                    + ", " + timeout + (apiKey == null ? "" : ", key") + "]";
        }
    }

    /** the file as written: strict, unknown keys are errors. */
    private record Raw(String privacy, RawBackend local, RawBackend remote, List<RawBackend> backend) {
    }

    private record RawBackend(String name, String kind, Boolean remote, String endpoint, String model, Integer timeoutS,
            String apiKeyFile, String apiKeyEnv, Integer maxTokens, Integer maxString, Integer maxItems,
            Integer maxSteps) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    private static final TomlMapper TOML = TomlMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * the planner part of a configuration file already parsed as toml ({@code privacy}, {@code [local]},
     * {@code [remote]}, {@code [[backend]]}); any other key is an error that names {@code file}.
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
            return new PlannerConfig(privacy, backends(raw, env));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** {@code [local]} then {@code [remote]}, or the {@code [[backend]]} list: one form or the other. */
    private static List<Backend> backends(Raw raw, Map<String, String> env) throws IOException {
        List<Backend> backends = new ArrayList<>();
        if (raw.backend() != null) {
            if (raw.local() != null || raw.remote() != null) {
                throw new IllegalArgumentException("[[backend]] replaces [local] and [remote]: use one form or the other");
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < raw.backend().size(); i++) {
                RawBackend listed = raw.backend().get(i);
                String section = "[[backend]] " + (listed.name() == null ? "#" + (i + 1) : listed.name());
                if (listed.name() == null || !NAME.matcher(listed.name()).matches()) {
                    throw new IllegalArgumentException(section + " needs a name of lowercase letters, digits, - and _ "
                            + "(at most 32)");
                }
                if (!names.add(listed.name())) {
                    throw new IllegalArgumentException(section + " is named twice");
                }
                String kind = listed.kind() == null ? "openai" : listed.kind();
                if (!KINDS.containsKey(kind)) {
                    throw new IllegalArgumentException(section + " kind is one of " + new TreeSet<>(KINDS.keySet())
                            + ", not " + kind);
                }
                backends.add(backend(listed, section, listed.name(), kind, listed.remote() == null || listed.remote(),
                        env));
            }
            return backends;
        }
        if (raw.local() != null) {
            backends.add(legacy(raw.local(), "local", false, env));
        }
        if (raw.remote() != null) {
            backends.add(legacy(raw.remote(), "remote", true, env));
        }
        return backends;
    }

    /** {@code [local]} or {@code [remote]}: named after its section, openai-compatible. */
    private static Backend legacy(RawBackend raw, String name, boolean remote, Map<String, String> env)
            throws IOException {
        if (raw.name() != null || raw.kind() != null || raw.remote() != null) {
            throw new IllegalArgumentException("[" + name + "] takes no name, kind or remote (those are for [[backend]])");
        }
        return backend(raw, "[" + name + "]", name, "openai", remote, env);
    }

    private static Backend backend(RawBackend raw, String section, String name, String kind, boolean remote,
            Map<String, String> env) throws IOException {
        if (raw.endpoint() == null || raw.model() == null) {
            throw new IllegalArgumentException(section + " needs endpoint and model");
        }
        int timeout = raw.timeoutS() == null ? 120 : raw.timeoutS();
        if (timeout < 1 || timeout > 3600) {
            throw new IllegalArgumentException(section + " timeout_s must be 1..3600, not " + timeout);
        }
        Decoding fallback = Decoding.DEFAULT;
        Decoding decoding;
        try {
            decoding = new Decoding(or(raw.maxTokens(), fallback.maxTokens()), or(raw.maxString(), fallback.maxString()),
                    or(raw.maxItems(), fallback.maxItems()), or(raw.maxSteps(), fallback.maxSteps()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(section + " max_tokens is at least 64, max_string at least 8, "
                    + "max_items at least 1, max_steps 1.." + PlanSchema.MAX_STEPS);
        }
        return new Backend(name, kind, remote, Endpoint.parse(raw.endpoint()), raw.model(), Duration.ofSeconds(timeout),
                apiKey(raw, section, env), decoding);
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static ApiKey apiKey(RawBackend raw, String section, Map<String, String> env) throws IOException {
        if (raw.apiKeyFile() != null && raw.apiKeyEnv() != null) {
            throw new IllegalArgumentException(section + " takes api_key_file or api_key_env, not both");
        }
        if (raw.apiKeyEnv() != null) {
            String value = env.get(raw.apiKeyEnv());
            if (value == null) {
                throw new IllegalArgumentException(section + " api_key_env names " + raw.apiKeyEnv()
                        + ", which is not set");
            }
            return new ApiKey(value.strip());
        }
        if (raw.apiKeyFile() != null) {
            Path keyFile = Path.of(raw.apiKeyFile());
            Set<PosixFilePermission> modes = Files.getPosixFilePermissions(keyFile);
            if (modes.contains(PosixFilePermission.GROUP_READ) || modes.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException(section + " " + keyFile
                        + " is readable by others: make it 0600 (the key must stay secret)");
            }
            return new ApiKey(Files.readString(keyFile, StandardCharsets.UTF_8).strip());
        }
        return null;
    }

    /** the planner this configuration describes, around the embedded {@code router}. */
    HybridPlanner planner(Planner router) {
        return new HybridPlanner(router, backends.stream().map(Backend::chat).toList(), privacy);
    }
}
