package dev.llmos.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmos.planner.Privacy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigTest {
    @TempDir
    Path dir;

    private DaemonConfig load(String toml) throws IOException {
        Path file = dir.resolve("planner.toml");
        Files.writeString(file, toml);
        return DaemonConfig.load(file, dir.resolve("state"), Map.of());
    }

    private String error(String toml) {
        return assertThrows(IOException.class, () -> load(toml)).getMessage();
    }

    @Test
    void aMissingFileIsEveryDefault() throws IOException {
        Path file = dir.resolve("absent.toml");
        DaemonConfig config = DaemonConfig.load(file, dir, Map.of());
        assertEquals(DaemonConfig.defaults(file, dir), config);
        assertEquals(new Limits(256, 64, 32, 999, 16, 8, 64, Duration.ofSeconds(300), 4096, 64L << 20, 1L << 20,
                Duration.ofHours(1), file), config.limits());
        assertEquals(new AuditSettings(64L << 20, 1L << 30, AuditSettings.AnchorKind.AUTO, dir.resolve("audit.anchor"),
                Duration.ofSeconds(5)), config.audit());
    }

    @Test
    void theTablesSetTheirKeysAndLeaveTheRestAtTheirDefaults() throws IOException {
        DaemonConfig config = load("""
                privacy = "local-only"

                [limits]
                connections_per_user = 8
                runs_per_user = 2
                audit_window_s = 60

                [audit]
                retain_bytes = 268435456
                anchor = "file"
                anchor_file = "/var/log/llm-osd/anchor"
                """);
        assertEquals(Privacy.LOCAL_ONLY, config.planner().privacy());
        assertEquals(8, config.limits().connectionsPerUser());
        assertEquals(2, config.limits().runsPerUser());
        assertEquals(Duration.ofSeconds(60), config.limits().auditWindow());
        assertEquals(256, config.limits().maxConnections());
        assertEquals(dir.resolve("planner.toml"), config.limits().source());
        assertEquals(new AuditSettings(64L << 20, 256L << 20, AuditSettings.AnchorKind.FILE,
                Path.of("/var/log/llm-osd/anchor"), Duration.ofSeconds(5)), config.audit());
    }

    @Test
    void unknownKeysAndBadValuesAreErrorsNamingTheFileAndKey() {
        String file = dir.resolve("planner.toml").toString();
        assertEquals(file + ": [limits] has no key runs_per_users (known: audit_bytes, audit_params_max_bytes,"
                + " audit_unconfirmed_bytes, audit_window_s, connections_per_user, max_connections, read_timeout_s,"
                + " requests_per_connection, reserved_connections, runs_per_user, system_uid_max, tokens_per_user)",
                error("[limits]\nruns_per_users = 3\n"));
        assertEquals(file + ": [limits] reserved_connections is at least 1 and below max_connections",
                error("[limits]\nmax_connections = 10\nreserved_connections = 10\n"));
        assertEquals(file + ": [audit] anchor is auto, journal, file or none, not \"syslog\"",
                error("[audit]\nanchor = \"syslog\"\n"));
        assertEquals(file + ": [audit] retain_bytes is 0 (keep everything) or at least two segments (8192)",
                error("[audit]\nsegment_bytes = 4096\nretain_bytes = 5000\n"));
        assertEquals(file + ": [limits] must be a table", error("limits = 3\n"));
        String unknownTop = error("colour = \"blue\"\n");
        assertEquals(true, unknownTop.startsWith(file + ": Unrecognized field \"colour\""), unknownTop);
        String mistyped = error("[limits]\nruns_per_user = \"many\"\n");
        assertEquals(true, mistyped.startsWith(file + ": [limits] "), mistyped);
    }

    @Test
    void theShippedExampleStatesTheDefaults() throws IOException {
        Path example = Path.of("../packaging/src/main/dist/config/planner.toml");
        Path state = Path.of("/var/lib/llm-osd");
        DaemonConfig config = DaemonConfig.load(example, state, Map.of());
        assertEquals(Limits.defaults(example), config.limits());
        assertEquals(AuditSettings.defaults(state), config.audit());
    }
}
