package dev.llmos.shell;

import dev.llmos.protocol.RpcError;
import java.util.List;

/**
 * a failure that ends a command with a message and an exit code; the daemon's error object is kept
 * for --json, and lines of detail (what would allow it, what was meant) follow the message.
 */
final class CliException extends Exception {
    private final int exitCode;
    private final transient RpcError error;
    private final List<String> details;

    CliException(int exitCode, String message) {
        this(exitCode, message, null, List.of());
    }

    CliException(int exitCode, String message, RpcError error) {
        this(exitCode, message, error, List.of());
    }

    CliException(int exitCode, String message, RpcError error, List<String> details) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.error = error;
        this.details = List.copyOf(details);
    }

    static CliException of(RpcError error) {
        return new CliException(ExitCodes.forError(error.code()), error.message(), error);
    }

    /** the same failure with more lines of detail after its message. */
    CliException withDetails(List<String> more) {
        return new CliException(exitCode, getMessage(), error, more);
    }

    int exitCode() {
        return exitCode;
    }

    /** the daemon's error object, or null when the failure happened in llmsh. */
    RpcError error() {
        return error;
    }

    List<String> details() {
        return details;
    }
}
