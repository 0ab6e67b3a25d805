package dev.llmos.e2e;

import dev.llmos.action.testkit.TestUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code llmsh mcp --http} against a test daemon, as a real process; stopped with sigterm on close. */
final class McpServerProcess implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving (\\S+)");

    final Process process;
    final Path log;
    /** what it prints it serves: {@code http://127.0.0.1:PORT/mcp} or {@code unix:PATH}. */
    final String where;

    private McpServerProcess(Process process, Path log, String where) {
        this.process = process;
        this.log = log;
        this.where = where;
    }

    /** starts it as {@code user} (root when null) with {@code args} after {@code mcp --http}. */
    static McpServerProcess start(DaemonProcess daemon, TestUsers.User user, Path log, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("--socket", daemon.socket.toString(), "--no-autostart", "mcp", "--http"));
        command.addAll(List.of(args));
        List<String> argv = Distribution.llmsh(command.toArray(String[]::new));
        Process process = new ProcessBuilder(user == null ? argv : Run.as(user, argv))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher serving = SERVING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (serving.find()) {
                return new McpServerProcess(process, log, serving.group(1));
            }
            if (!process.isAlive()) {
                throw new IOException("llmsh mcp --http exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IOException("llmsh mcp --http did not serve within 60 s:\n" + Files.readString(log));
    }

    /**
     * stops the server and whatever it started: the launcher (and {@code runuser} for another user)
     * is only the top of the tree, and the jvm under it would outlive a sigterm to the top alone.
     */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
                handle.onExit().join();
            }
        }
    }
}
