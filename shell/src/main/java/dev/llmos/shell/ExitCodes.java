package dev.llmos.shell;

import dev.llmos.protocol.ErrorCodes;

/** llmsh exit codes (a contract: scripts rely on them). */
final class ExitCodes {
    static final int OK = 0;
    static final int ACTION_FAILED = 1;
    static final int USAGE = 2;
    static final int DENIED = 3;
    static final int DAEMON_UNAVAILABLE = 4;
    static final int CONFIRMATION_NEEDED = 5;
    static final int PLANNER_UNAVAILABLE = 6;

    private ExitCodes() {
    }

    /** the exit code for a json-rpc error code. */
    static int forError(int code) {
        return switch (code) {
            case ErrorCodes.PARSE_ERROR, ErrorCodes.INVALID_REQUEST, ErrorCodes.METHOD_NOT_FOUND,
                 ErrorCodes.INVALID_PARAMS -> USAGE;
            case ErrorCodes.DENIED -> DENIED;
            case ErrorCodes.CONFIRMATION_REQUIRED -> CONFIRMATION_NEEDED;
            case ErrorCodes.PLANNER_UNAVAILABLE, ErrorCodes.PLAN_INVALID -> PLANNER_UNAVAILABLE;
            case ErrorCodes.BUSY -> DAEMON_UNAVAILABLE;
            default -> ACTION_FAILED;
        };
    }
}
