package dev.llmos.modeld;

/** a local model that could not load or could not answer a request, with the reason as a kind. */
public final class ModelException extends Exception {
    /** what failed. */
    public enum Kind {
        /** the model file is missing, unreadable or not a loadable gguf. */
        LOAD_FAILED,
        /** the request cannot be served as asked: a bad schema, grammar or parameter. */
        INVALID_REQUEST,
        /** the prompt leaves no room to generate within the context window. */
        CONTEXT_EXCEEDED,
        /** llama.cpp failed while generating. */
        GENERATION_FAILED
    }

    private final Kind kind;

    public ModelException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ModelException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
