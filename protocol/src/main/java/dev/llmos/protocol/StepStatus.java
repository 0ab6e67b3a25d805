package dev.llmos.protocol;

import dev.llmos.support.WireEnum;

/** how an action request or one step of a plan ended: {@code status} on the wire ({@code ok}, {@code dry_run}, ...). */
public enum StepStatus implements WireEnum {
    /** it ran. */
    OK,
    /** it was only previewed; nothing changed. */
    DRY_RUN,
    /** a plan's step that did not run: an earlier step failed or the client cancelled. */
    SKIPPED,
    /** a plan's step that ran and failed; its error says why. */
    FAILED
}
