package dev.llmos.action;

import java.util.List;
import java.util.Optional;

/**
 * one typed capability of the machine: a descriptor (name, description, examples, risk, params
 * type) and a handler. an implementation is registered as a {@link java.util.ServiceLoader}
 * provider of this interface; adding one needs no change to the daemon, shell, policy or planner.
 *
 * <p>the params record is the schema: every component becomes a property (snake_case on the
 * wire), {@code jakarta.validation.constraints.NotNull} makes it required, {@code Size},
 * {@code Min}, {@code Max} and {@code Pattern} bound it, {@code JsonPropertyDescription}
 * documents it and {@code JsonProperty(defaultValue = ...)} gives its default. unknown fields are
 * always rejected. components annotated {@link PathParam} name filesystem paths.
 *
 * @param <P> the params record
 */
public interface Action<P extends Record> {
    /** the name, {@code family.verb} in lowercase, e.g. {@code fs.list}. */
    String name();

    /** one line saying what the action does. */
    String description();

    /** how people ask for this, in their words; these feed the intent router and the docs. */
    List<String> examples();

    Risk risk();

    /**
     * the params record: by default the type argument the action's class gives {@link Action}
     * (found once per class); an action whose class cannot say it (a raw or generic one) overrides this.
     */
    default Class<P> paramsType() {
        return ParamsTypes.of(getClass());
    }

    /**
     * where {@link #execute} runs. {@link Confinement#CALLER} (the default): in a process that
     * already has the caller's uid and groups. {@link Confinement#LAUNCHER}: in the daemon itself,
     * with its privileges, for actions whose confinement needs them (a transient systemd unit, a
     * cgroup); such an action must start everything it runs as {@code context.caller()}, or as
     * root only when the context says policy granted it.
     */
    default Confinement confinement() {
        return Confinement.CALLER;
    }

    /**
     * the kind of time-limited lease under which this action runs without asking (e.g.
     * {@code input} for keyboard and mouse), or empty when it needs none. without a live lease of
     * that kind held by the caller, policy asks; rules may still deny.
     */
    default Optional<String> lease() {
        return Optional.empty();
    }

    /**
     * what running with these params would change, for the confirmation prompt and dry runs: e.g.
     * the files touched, their sizes, a diff (a json-serializable value, usually a record). runs
     * with the caller's privileges like execute, and must change nothing. the default, empty, says
     * nothing beyond the params.
     */
    default Optional<?> preview(P params, ActionContext context) throws ActionException {
        return Optional.empty();
    }

    /**
     * whether running with these params can be taken back: the action records an inverse through
     * {@link ActionContext#undoWith} whenever it changes something. shown with the preview before
     * people confirm, so they know what {@code llmsh undo} can restore. the default is no.
     */
    default boolean undoable(P params) {
        return false;
    }

    /**
     * whether what this action does cannot be taken back by anyone once it ran (a signal delivered, a
     * package purged from the system, the quarantine freed for good), whatever {@link #undoable} says of
     * one call. the natural-language planner proposes such an action only from a close match in meaning.
     * the default is no.
     */
    default boolean irreversible() {
        return false;
    }

    /**
     * does the work with the caller's privileges (the daemon guarantees the process runs as the
     * caller). returns a json-serializable value, usually a record.
     */
    Object execute(P params, ActionContext context) throws ActionException;
}
