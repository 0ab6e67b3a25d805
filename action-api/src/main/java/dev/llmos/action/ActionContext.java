package dev.llmos.action;

/** what an action may use while it runs, besides its params. */
public interface ActionContext {
    /** the identity the action runs for; the process already has these privileges. */
    Caller caller();

    /** reports progress to the client; {@code fraction} in [0, 1] or null when unknown. */
    void progress(String message, Double fraction);

    /** true once the client cancelled; long actions check this and stop early. */
    boolean cancelled();
}
