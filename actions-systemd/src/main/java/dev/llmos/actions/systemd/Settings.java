package dev.llmos.actions.systemd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * the machine settings kept by systemd's settings daemons, through their command-line clients:
 * the hostname ({@code hostnamectl}, systemd-hostnamed) and the time zone ({@code timedatectl},
 * systemd-timedated).
 */
final class Settings {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_OUTPUT = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * the hostnames hostnamed reports.
     *
     * @param hostname the name the kernel has now
     * @param staticName the name kept in /etc/hostname, null when none is set
     */
    record Hostnames(String hostname, String staticName) {
    }

    private Settings() {
    }

    /** runs a settings client with {@code args}; a failure is told in terms of {@code doing}. */
    static Command.Result run(String tool, List<String> args, String doing, String action, ActionContext context)
            throws ActionException {
        List<String> argv = new ArrayList<>(List.of(Command.program(tool), "--no-ask-password"));
        argv.addAll(args);
        Command.Result result = Command.run(argv, Command.baseEnvironment(), TIMEOUT, MAX_OUTPUT, context);
        if (result.ok()) {
            return result;
        }
        if (SystemdErrors.notBooted(result.err())) {
            throw SystemdErrors.notBooted(result);
        }
        if (SystemdErrors.denied(result.err())) {
            throw SystemdErrors.denied(doing, action, context, result);
        }
        String reason = result.firstError().isEmpty() ? "exit status " + result.exit()
                : SystemdErrors.lowerFirst(result.firstError());
        throw new ActionException(doing + " failed: " + reason, result.exit(), result.err());
    }

    /** the hostnames now ({@code hostnamectl --json=short}). */
    static Hostnames hostnames(String action, ActionContext context) throws ActionException {
        Command.Result result = run("hostnamectl", List.of("--json=short"), "reading the hostname", action, context);
        return parseHostnames(result.out());
    }

    static Hostnames parseHostnames(String json) throws ActionException {
        try {
            JsonNode node = JSON.readTree(json);
            JsonNode hostname = node.path("Hostname");
            JsonNode staticName = node.path("StaticHostname");
            return new Hostnames(hostname.isTextual() ? hostname.asText() : null,
                    staticName.isTextual() && !staticName.asText().isEmpty() ? staticName.asText() : null);
        } catch (IOException e) {
            throw new ActionException("hostnamectl printed something other than json: " + e.getMessage());
        }
    }

    /** the time zone now ({@code timedatectl show}), null when none is configured. */
    static String timezone(String action, ActionContext context) throws ActionException {
        Command.Result result = run("timedatectl", List.of("show"), "reading the time zone", action, context);
        return parseTimezone(result.out());
    }

    static String parseTimezone(String show) {
        return UnitStatus.blankToNull(UnitStatus.properties(show).get("Timezone"));
    }
}
