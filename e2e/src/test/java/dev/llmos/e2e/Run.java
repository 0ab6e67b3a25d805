package dev.llmos.e2e;

import dev.llmos.action.testkit.TestUsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * runs a command to completion and keeps what it printed.
 *
 * @param exit the exit status
 * @param out standard output
 * @param err standard error
 */
record Run(int exit, String out, String err) {
    static Run of(List<String> argv) throws IOException, InterruptedException {
        return of(argv, Map.of());
    }

    static Run of(List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        return in(null, argv, env);
    }

    /** runs {@code argv} in directory {@code dir} (null: this process's), with {@code env} added. */
    static Run in(java.nio.file.Path dir, List<String> argv, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().putAll(env);
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var out = process.getInputStream();
        var err = process.getErrorStream();
        byte[][] errBytes = new byte[1][];
        Thread errReader = Thread.ofVirtual().start(() -> {
            try {
                errBytes[0] = err.readAllBytes();
            } catch (IOException e) {
                errBytes[0] = new byte[0];
            }
        });
        byte[] outBytes = out.readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + argv);
        }
        errReader.join();
        return new Run(process.exitValue(), new String(outBytes, StandardCharsets.UTF_8),
                new String(errBytes[0], StandardCharsets.UTF_8));
    }

    /** argv that runs {@code command} as {@code user} with that user's groups. */
    static List<String> as(TestUsers.User user, List<String> command) {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + user.uid(), "--regid=" + user.gid(),
                "--init-groups", "--"));
        argv.addAll(command);
        return argv;
    }

    /** standard output as one json document (what llmsh --json prints). */
    com.fasterxml.jackson.databind.JsonNode json() throws dev.llmos.protocol.RpcException {
        return dev.llmos.protocol.Json.parse(out.strip().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
}
