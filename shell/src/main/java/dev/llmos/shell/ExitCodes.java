package dev.llmos.shell;

import dev.llmos.protocol.ErrorCodes;
import java.util.List;

/** llmsh exit codes (a contract: scripts rely on them). */
final class ExitCodes {
    static final int OK = 0;
    static final int ACTION_FAILED = 1;
    static final int USAGE = 2;
    static final int DENIED = 3;
    static final int DAEMON_UNAVAILABLE = 4;
    static final int CONFIRMATION_NEEDED = 5;
    static final int PLANNER_UNAVAILABLE = 6;

    /** the codes as help, the man page and the docs list them. */
    static final List<String> DOCUMENTED = List.of(
            "0: ok",
            "1: the action failed, a program run by proc.run exited non-zero or was killed (its status is shown), "
                    + "or a dry run's preview reports an error",
            "2: usage error or invalid params (an unknown command or option gets a 'did you mean')",
            "3: denied by policy (the message names the policy file and a rule that would allow it)",
            "4: the daemon is unavailable",
            "5: confirmation needed but not given (no terminal to ask, no --yes or --confirm TOKEN)",
            "6: planner or language model unavailable, or the plan is invalid");

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
