package dev.llmos.e2e;

import dev.llmos.action.testkit.TestUsers;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** a real llm-osd process on a socket in its own directory; stopped with sigterm on close. */
final class DaemonProcess implements AutoCloseable {
    final Path dir;
    final Path socket;
    final Path log;
    final Process process;

    private DaemonProcess(Path dir, Process process) {
        this.dir = dir;
        this.socket = dir.resolve("llm-osd.sock");
        this.log = dir.resolve("daemon.log");
        this.process = process;
    }

    static DaemonProcess start(String... extraArgs) throws IOException, InterruptedException {
        return startIn(Distribution.publicTempDir("llmos-e2e-daemon"), extraArgs);
    }

    /** starts a daemon on {@code dir}/llm-osd.sock with its state under {@code dir}/state. */
    static DaemonProcess startIn(Path dir, String... extraArgs) throws IOException, InterruptedException {
        return startIn(dir, List.of(), extraArgs);
    }

    /** the same with {@code plugins} on its class path after the distribution (test action families). */
    static DaemonProcess startIn(Path dir, List<Path> plugins, String... extraArgs) throws IOException, InterruptedException {
        return startIn(dir, List.of(), plugins, extraArgs);
    }

    /** the same started through {@code nohup}, so sighup is ignored when the daemon starts, as a shell's nohup leaves it. */
    static DaemonProcess startUnderNohup(Path dir, String... extraArgs) throws IOException, InterruptedException {
        return startIn(dir, List.of("/usr/bin/nohup"), List.of(), extraArgs);
    }

    /** the same in the mount namespace of process {@code pid} (a test host's), entered with nsenter. */
    static DaemonProcess startInNamespaceOf(long pid, Path dir) throws IOException, InterruptedException {
        return startIn(dir, List.of("nsenter", "-t", Long.toString(pid), "-m", "--"), List.of());
    }

    private static DaemonProcess startIn(Path dir, List<String> prefix, List<Path> plugins, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--socket", dir.resolve("llm-osd.sock").toString(),
                "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(extraArgs));
        List<String> command = new ArrayList<>(prefix);
        command.addAll(Distribution.java(plugins, "dev.llmos.daemon.Main", args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("daemon.log").toFile())
                .start();
        DaemonProcess daemon = new DaemonProcess(dir, process);
        daemon.awaitSocket();
        return daemon;
    }

    private void awaitSocket() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("llm-osd exited with " + process.exitValue() + ":\n" + logText());
            }
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IOException("llm-osd did not listen within 30 s:\n" + logText());
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** runs llmsh against this daemon (never autostarting another), as {@code user} or, when null, as root. */
    Run llmsh(TestUsers.User user, String... args) throws IOException, InterruptedException {
        return llmsh(user, java.util.Map.of(), args);
    }

    /** runs llmsh with {@code env} added to its environment (a graphical session's variables). */
    Run llmsh(TestUsers.User user, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return llmshIn(null, user, env, args);
    }

    /** runs llmsh in working directory {@code cwd} (null: this process's). */
    Run llmshIn(Path cwd, TestUsers.User user, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        return Run.in(cwd, llmshArgv(user, args), env);
    }

    /** the argv of llmsh against this daemon, as {@code user} (null: root). */
    List<String> llmshArgv(TestUsers.User user, String... args) {
        List<String> command = new ArrayList<>(List.of("--socket", socket.toString(), "--no-autostart"));
        command.addAll(List.of(args));
        List<String> argv = Distribution.llmsh(command.toArray(String[]::new));
        return user == null ? argv : Run.as(user, argv);
    }

    RpcClient connect() throws IOException {
        return RpcClient.connect(socket);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
