package dev.llmos.protocol;

/** the json-rpc error codes of the llm-osd protocol (see docs/protocol.md). */
public final class ErrorCodes {
    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** the daemon refuses a new connection or request because a limit is reached. */
    public static final int BUSY = -32000;
    public static final int DENIED = -32001;
    public static final int CONFIRMATION_REQUIRED = -32002;
    public static final int ACTION_FAILED = -32003;
    public static final int PLANNER_UNAVAILABLE = -32004;
    public static final int PLAN_INVALID = -32005;

    private ErrorCodes() {
    }
}
