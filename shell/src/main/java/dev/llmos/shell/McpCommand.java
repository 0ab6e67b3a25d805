package dev.llmos.shell;

import dev.llmos.shell.cli.Parsed;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code llmsh mcp}: every action as an mcp tool, through the same daemon, policy and audit as
 * llmsh. the server is a long-running process of its own ({@code dev.llmos.mcp.McpMain}) on its
 * own class path (lib/mcp.classpath), so a one-shot llmsh keeps its few jars; it inherits this
 * process's standard streams (stdio is the transport) and its exit status is llmsh's.
 */
final class McpCommand {
    static final String HTTP = "--http";
    static final String LISTEN = "--listen";
    static final String TOKEN_FILE = "--token-file";
    static final String MAIN = "dev.llmos.mcp.McpMain";
    /** the server's jar: {@code mcp-VERSION.jar}, not the sdk's {@code mcp-core-...}. */
    private static final Pattern SERVER_JAR = Pattern.compile("mcp-[0-9][^/]*\\.jar");
    private static final String CLASSPATH = "mcp.classpath";

    private McpCommand() {
    }

    static int run(Context context, Parsed<Handler> line) throws CliException {
        boolean http = line.flag(HTTP);
        if (!http && (line.value(LISTEN) != null || line.value(TOKEN_FILE) != null)) {
            throw new CliException(ExitCodes.USAGE, "--listen and --token-file go with --http");
        }
        List<String> argv = new ArrayList<>(jvm());
        argv.add(MAIN);
        if (context.socket != null) {
            argv.addAll(List.of(Commands.SOCKET, context.socket.toString()));
        }
        if (context.noAutostart) {
            argv.add(Commands.NO_AUTOSTART);
        }
        if (http) {
            argv.add(HTTP);
        }
        for (String option : List.of(LISTEN, TOKEN_FILE)) {
            if (line.value(option) != null) {
                argv.addAll(List.of(option, line.value(option)));
            }
        }
        try {
            Process server = new ProcessBuilder(argv).inheritIO().start();
            return server.waitFor();
        } catch (IOException e) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "cannot start the mcp server: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.USAGE;
        }
    }

    /**
     * this jvm's java, its flags for native access, and the server's own class path: the mcp jar beside
     * llmsh's and the jars lib/mcp.classpath lists ({@code @LIB@} standing for that directory).
     */
    private static List<String> jvm() throws CliException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                "java").toString());
        Path lib;
        try {
            lib = Path.of(McpCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException | RuntimeException e) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "cannot find the distribution's jars: " + e.getMessage());
        }
        String classpath;
        try (Stream<Path> jars = Files.list(lib)) {
            Path server = jars.filter(jar -> SERVER_JAR.matcher(jar.getFileName().toString()).matches()).findFirst()
                    .orElseThrow(() -> new IOException("no mcp jar"));
            classpath = server + ":" + Files.readString(lib.resolve(CLASSPATH)).strip().replace("@LIB@", lib.toString());
        } catch (IOException e) {
            throw new CliException(ExitCodes.DAEMON_UNAVAILABLE, "cannot find the mcp server in " + lib + ": "
                    + e.getMessage());
        }
        return List.of(java, "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-cp", classpath);
    }
}
