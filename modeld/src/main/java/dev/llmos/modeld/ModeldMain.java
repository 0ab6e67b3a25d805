package dev.llmos.modeld;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llm-modeld}: serves one local gguf model over an openai-compatible api on a unix socket. */
@Command(name = "llm-modeld", mixinStandardHelpOptions = true, version = "llm-modeld 0.1.0",
        description = "serves a local gguf model (llama.cpp) over an openai-compatible http api on a unix socket."
                + " the model loads on the first request; the process exits after --idle-exit seconds without one.")
public final class ModeldMain implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "the gguf model file")
    Path model;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "the unix socket to bind when none is inherited through socket activation")
    Path socket;

    @Option(names = "--idle-exit", paramLabel = "SECONDS", defaultValue = "300",
            description = "exit after this many seconds without a model request; 0 never exits (default: ${DEFAULT-VALUE})")
    long idleExitSeconds;

    @Option(names = "--threads", paramLabel = "N", description = "cpu threads for inference (default: all cores)")
    Integer threads;

    @Option(names = "--ctx", paramLabel = "TOKENS", defaultValue = "4096",
            description = "context window in tokens (default: ${DEFAULT-VALUE})")
    int contextSize;

    @Option(names = "--cache-prompt", description = "reuse the previous prompt's kv cache: faster for shared prefixes,"
            + " but outputs may then differ in rare cases from a fresh evaluation")
    boolean cachePrompt;

    @Option(names = "--verbose", description = "print llama.cpp's own log lines")
    boolean verbose;

    public static void main(String[] args) {
        int code = new CommandLine(new ModeldMain())
                .setExecutionExceptionHandler((e, command, parsed) -> {
                    command.getErr().println("llm-modeld: " + e.getMessage());
                    return 1;
                })
                .execute(args);
        // a loaded model leaves a non-daemon thread: leave explicitly whatever happened
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        if (idleExitSeconds < 0 || contextSize < 16 || (threads != null && threads < 1)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--idle-exit must be >= 0, --ctx >= 16 and --threads >= 1");
        }
        int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ModelConfig config = new ModelConfig(model.toAbsolutePath(), cores, contextSize, cachePrompt, verbose);
        // a wrong path should fail the start, not the first request minutes later
        LocalModel.checkFile(config.model());
        Listener listener = Listener.resolve(Optional.ofNullable(socket), System.getenv());
        ModeldServer server = new ModeldServer(listener, config, Duration.ofSeconds(idleExitSeconds));
        server.start();
        server.join();
        return 0;
    }
}
