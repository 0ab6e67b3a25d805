package dev.llmos.shell;

import dev.llmos.protocol.RpcError;

/** a failure that ends a command with a message and an exit code; the error object is kept for --json. */
final class CliException extends Exception {
    private final int exitCode;
    private final transient RpcError error;

    CliException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    CliException(int exitCode, String message, RpcError error) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.error = error;
    }

    static CliException of(RpcError error) {
        return new CliException(ExitCodes.forError(error.code()), error.message(), error);
    }

    int exitCode() {
        return exitCode;
    }

    /** the daemon's error object, or null when the failure happened in llmsh. */
    RpcError error() {
        return error;
    }
}
