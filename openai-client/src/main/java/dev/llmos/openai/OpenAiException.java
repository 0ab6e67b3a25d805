package dev.llmos.openai;

/** a chat call that failed after its retries; the message never contains the api key. */
public final class OpenAiException extends Exception {
    /** what went wrong. */
    public enum Kind {
        /** no connection, or it broke before an answer came. */
        CONNECTION,
        /** an attempt outlived the request timeout. */
        TIMEOUT,
        /** the server answered with an error status. */
        HTTP,
        /** the answer was not the json an openai-compatible api sends. */
        PROTOCOL
    }

    private final Kind kind;
    private final int status;

    OpenAiException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** the http status for {@link Kind#HTTP}, else 0. */
    public int status() {
        return status;
    }

    boolean retryable() {
        return kind == Kind.CONNECTION || (kind == Kind.HTTP && (status == 429 || status >= 500));
    }
}
