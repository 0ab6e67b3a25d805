package dev.llmos.protocol;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Path;
import java.util.Map;

/**
 * where the daemon listens and keeps state, the same for daemon and shell: root uses the system
 * locations, everyone else the per-user ones (xdg base directories).
 */
public final class Locations {
    public static final Path SYSTEM_SOCKET = Path.of("/run/llm-osd/llm-osd.sock");
    public static final Path SYSTEM_STATE = Path.of("/var/lib/llm-osd");
    /** the environment variable that overrides the socket path. */
    public static final String SOCKET_ENV = "LLM_OSD_SOCKET";

    private Locations() {
    }

    public static long uid() {
        return new UnixSystem().getUid();
    }

    /** the per-user socket: {@code $XDG_RUNTIME_DIR/llm-osd/llm-osd.sock}, else under /tmp. */
    public static Path userSocket(Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        Path base = runtime != null && !runtime.isBlank()
                ? Path.of(runtime, "llm-osd")
                : Path.of("/tmp", "llm-osd-" + uid());
        return base.resolve("llm-osd.sock");
    }

    /** the per-user state directory: {@code $XDG_STATE_HOME/llm-osd}, else ~/.local/state/llm-osd. */
    public static Path userState(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        if (state != null && !state.isBlank()) {
            return Path.of(state, "llm-osd");
        }
        return Path.of(System.getProperty("user.home"), ".local", "state", "llm-osd");
    }

    /** the socket a daemon started now binds: the override, else system for root, else per-user. */
    public static Path daemonSocket(Map<String, String> env) {
        String override = env.get(SOCKET_ENV);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return uid() == 0 ? SYSTEM_SOCKET : userSocket(env);
    }

    /** the policy file: /etc/llm-os/policy.toml for root, {@code $XDG_CONFIG_HOME/llm-os/policy.toml} otherwise. */
    public static Path policyFile(Map<String, String> env) {
        return configDir(env).resolve("policy.toml");
    }

    /** the planner's file: /etc/llm-os/planner.toml for root, under {@code $XDG_CONFIG_HOME/llm-os} otherwise. */
    public static Path plannerFile(Map<String, String> env) {
        return configDir(env).resolve("planner.toml");
    }

    private static Path configDir(Map<String, String> env) {
        if (uid() == 0) {
            return Path.of("/etc/llm-os");
        }
        String config = env.get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() ? Path.of(config) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("llm-os");
    }

    public static Path daemonState(Map<String, String> env) {
        return uid() == 0 ? SYSTEM_STATE : userState(env);
    }
}
