package dev.llmos.modeld;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** a real llm-modeld (or a launcher that execs it) in its own process, its output in a log file. */
final class ModeldProcess implements AutoCloseable {
    /** the jvm flags a packaged llm-modeld would run with: a small heap, as the model lives off-heap. */
    static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-Xmx64m", "-XX:TieredStopAtLevel=1",
            "--enable-native-access=ALL-UNNAMED");

    private final Process process;
    private final Path log;

    private ModeldProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** {@code java ... ModeldMain args}, with this jvm's binary and class path. */
    static List<String> javaCommand(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(JVM_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ModeldMain.class.getName());
        command.addAll(args);
        return command;
    }

    static List<String> modeldArgs(TestModel model, Path socket, Duration idleExit) {
        return modeldArgs(model, socket, idleExit, 2048);
    }

    /** the llm-modeld options; no socket means an inherited one. */
    static List<String> modeldArgs(TestModel model, Path socket, Duration idleExit, int contextSize) {
        List<String> args = new ArrayList<>(List.of("--model", model.file().toString(), "--idle-exit",
                Long.toString(idleExit.toSeconds()), "--threads", Integer.toString(model.threads()),
                "--ctx", Integer.toString(contextSize)));
        if (socket != null) {
            args.addAll(List.of("--socket", socket.toString()));
        }
        return args;
    }

    static ModeldProcess start(List<String> command, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        return new ModeldProcess(process, log);
    }

    long pid() {
        return process.pid();
    }

    /** waits until something accepts connections on {@code socket}. */
    void awaitListening(Path socket, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process died: " + log());
            }
            if (Files.exists(socket)) {
                try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                    return;
                } catch (IOException e) {
                    // not accepting yet
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("nothing listens on " + socket + " after " + timeout + ": " + log());
    }

    /** the resident set size from {@code /proc}, empty once the process is gone. */
    OptionalLong rssKib() {
        return Rss.kib(process.pid());
    }

    /** the executable's name as the kernel reports it, e.g. {@code java}. */
    String command() {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
