package dev.llmos.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.llmos.planner.PlannerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * the daemon's configuration file ({@code /etc/llm-os/planner.toml}, or {@code llm-osd --config}):
 * the planner's part (privacy, {@code [local]}, {@code [remote]}), the per-user {@code [limits]}
 * and the {@code [audit]} log's segment size, retention and anchor. a missing file means every
 * default; an unknown key anywhere is an error naming the file and the key.
 */
record DaemonConfig(PlannerConfig planner, Limits limits, AuditSettings audit) {
    private static final TomlMapper TOML = TomlMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** the {@code [limits]} table as written; absent keys keep their defaults. */
    private record RawLimits(Integer maxConnections, Integer connectionsPerUser, Integer reservedConnections,
            Integer systemUidMax, Integer requestsPerConnection, Integer runsPerUser, Integer tokensPerUser,
            Long readTimeoutS, Integer auditParamsMaxBytes, Long auditBytes, Long auditUnconfirmedBytes,
            Long auditWindowS) {
    }

    /** the {@code [audit]} table as written. */
    private record RawAudit(Long segmentBytes, Long retainBytes, String anchor, String anchorFile, Long anchorIntervalS) {
    }

    /** every default: what a daemon without a configuration file runs with. */
    static DaemonConfig defaults(Path file, Path stateDir) {
        return new DaemonConfig(PlannerConfig.ROUTER_ONLY, Limits.defaults(file), AuditSettings.defaults(stateDir));
    }

    /** reads {@code file}; a missing file is {@link #defaults}. errors name the file and what is wrong. */
    static DaemonConfig load(Path file, Path stateDir, Map<String, String> env) throws IOException {
        if (!Files.exists(file)) {
            return defaults(file, stateDir);
        }
        JsonNode tree;
        try {
            tree = TOML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(file + ": " + firstLine(e.getMessage()), e);
        }
        ObjectNode root = tree instanceof ObjectNode object ? object : TOML.createObjectNode();
        JsonNode limitsTable = root.remove("limits");
        JsonNode auditTable = root.remove("audit");
        try {
            Limits limits = limits(bind(limitsTable, RawLimits.class, "limits"), file);
            AuditSettings audit = audit(bind(auditTable, RawAudit.class, "audit"), stateDir);
            return new DaemonConfig(PlannerConfig.of(root, file, env), limits, audit);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static <T> T bind(JsonNode table, Class<T> type, String name) {
        if (table == null) {
            return null;
        }
        if (!table.isObject()) {
            throw new IllegalArgumentException("[" + name + "] must be a table");
        }
        try {
            return TOML.treeToValue(table, type);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("[" + name + "] has no key " + e.getPropertyName() + " (known: "
                    + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("[" + name + "] " + firstLine(e.getOriginalMessage()));
        }
    }

    private static Limits limits(RawLimits raw, Path file) {
        Limits d = Limits.defaults(file);
        if (raw == null) {
            return d;
        }
        return new Limits(or(raw.maxConnections(), d.maxConnections()), or(raw.connectionsPerUser(), d.connectionsPerUser()),
                or(raw.reservedConnections(), d.reservedConnections()), or(raw.systemUidMax(), d.systemUidMax()),
                or(raw.requestsPerConnection(), d.requestsPerConnection()), or(raw.runsPerUser(), d.runsPerUser()),
                or(raw.tokensPerUser(), d.tokensPerUser()),
                raw.readTimeoutS() == null ? d.readTimeout() : Duration.ofSeconds(raw.readTimeoutS()),
                or(raw.auditParamsMaxBytes(), d.auditParamsMaxBytes()),
                raw.auditBytes() == null ? d.auditBytes() : raw.auditBytes(),
                raw.auditUnconfirmedBytes() == null ? d.auditUnconfirmedBytes() : raw.auditUnconfirmedBytes(),
                raw.auditWindowS() == null ? d.auditWindow() : Duration.ofSeconds(raw.auditWindowS()), file);
    }

    private static AuditSettings audit(RawAudit raw, Path stateDir) {
        AuditSettings d = AuditSettings.defaults(stateDir);
        if (raw == null) {
            return d;
        }
        return new AuditSettings(raw.segmentBytes() == null ? d.segmentBytes() : raw.segmentBytes(),
                raw.retainBytes() == null ? d.retainBytes() : raw.retainBytes(),
                raw.anchor() == null ? d.anchor() : AuditSettings.AnchorKind.parse(raw.anchor()),
                raw.anchorFile() == null ? d.anchorFile() : Path.of(raw.anchorFile()),
                raw.anchorIntervalS() == null ? d.anchorInterval() : Duration.ofSeconds(raw.anchorIntervalS()));
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static String firstLine(String message) {
        return message == null ? "invalid" : message.lines().findFirst().orElse("invalid");
    }
}
