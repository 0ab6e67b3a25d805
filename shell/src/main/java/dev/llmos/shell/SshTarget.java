package dev.llmos.shell;

import dev.llmos.protocol.Locations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * a remote llm-osd reached through openssh: the ssh command (its program and the options the user
 * gave it), the destination as ssh takes it ({@code [user@]host}, {@code ssh://user@host:port}, an
 * alias of the ssh config) and the daemon's socket on that host. plain data, checked when made:
 * nothing here can become an option of ssh or a second forwarding.
 *
 * @param ssh the ssh program and its user-given options ({@code $LLMOS_SSH_COMMAND}, default {@code ssh})
 * @param destination where to log in
 * @param remoteSocket the daemon's socket on the remote host, absolute
 */
record SshTarget(List<String> ssh, String destination, String remoteSocket) {
    /** the environment variable naming the default host. */
    static final String HOST_ENV = "LLMOS_HOST";
    /** the environment variable with the ssh command to use, split at spaces (no shell), like git's {@code GIT_SSH_COMMAND}. */
    static final String SSH_ENV = "LLMOS_SSH_COMMAND";

    SshTarget {
        ssh = List.copyOf(ssh);
        if (ssh.isEmpty()) {
            throw new IllegalArgumentException("no ssh command");
        }
    }

    /**
     * the target for {@code --host DESTINATION}, with {@code --socket} (or null: the system socket)
     * naming the daemon's socket on that host.
     */
    static SshTarget of(String destination, String remoteSocket, Map<String, String> env) throws CliException {
        return of(destination, remoteSocket, List.of(), env);
    }

    /** the same with more ssh options after the user's (an inventory host's key and args). */
    static SshTarget of(String destination, String remoteSocket, List<String> options, Map<String, String> env)
            throws CliException {
        String problem = destinationProblem(destination);
        if (problem != null) {
            throw new CliException(ExitCodes.USAGE, "--host '" + printable(destination) + "': " + problem);
        }
        String socket = remoteSocket == null ? Locations.SYSTEM_SOCKET.toString() : remoteSocket;
        if (!socket.startsWith("/") || !forwardable(socket)) {
            throw new CliException(ExitCodes.USAGE, "--socket '" + printable(socket) + "' with --host names the daemon's "
                    + "socket on that host: an absolute path without ':', spaces or control characters");
        }
        List<String> ssh = new ArrayList<>(sshCommand(env));
        ssh.addAll(options);
        return new SshTarget(ssh, destination, socket);
    }

    /** the ssh program and options from {@code $LLMOS_SSH_COMMAND}, else plain {@code ssh}. */
    static List<String> sshCommand(Map<String, String> env) {
        String command = env.get(SSH_ENV);
        List<String> words = new ArrayList<>();
        if (command != null) {
            for (String word : command.trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return words.isEmpty() ? List.of("ssh") : words;
    }

    /** why {@code destination} is not one ssh would take as a host, or null when it is fine. */
    static String destinationProblem(String destination) {
        if (destination == null || destination.isEmpty()) {
            return "empty; give [user@]host";
        }
        if (destination.startsWith("-")) {
            return "a host cannot start with '-'";
        }
        for (int i = 0; i < destination.length(); i++) {
            char c = destination.charAt(i);
            if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "a host cannot contain spaces or control characters";
            }
        }
        return null;
    }

    /** a path ssh's {@code -L local:remote} can carry: no ':' (its separator), no whitespace or controls. */
    static boolean forwardable(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ':' || c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        return !path.isEmpty();
    }

    /** what names this target's connection files: a digest of the ssh command, destination and socket. */
    String key() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String word : ssh) {
                sha.update(word.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            sha.update((byte) 1);
            sha.update(destination.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(remoteSocket.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every jdk has sha-256", e);
        }
    }

    /** the host as messages name it. */
    String label() {
        return printable(destination);
    }

    private static String printable(String text) {
        return dev.llmos.shell.render.Escapes.inline(text);
    }
}
