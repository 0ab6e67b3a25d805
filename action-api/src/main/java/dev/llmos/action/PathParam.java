package dev.llmos.action;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * marks a params record component (a string, or an argv list for a program) as a filesystem path:
 * the daemon resolves it once into descriptors before policy decides, and the action acts through
 * those ({@link ActionContext#path}), never through the text again.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface PathParam {
    /** what the action does with the path; protections against changing system files key on it. */
    Role value() default Role.TARGET;

    /**
     * whether a symlink named by the path's last component is followed to its target (true: a write
     * goes through it) or is itself the object (false: deleting or moving it acts on the link).
     */
    boolean followFinal() default true;

    /** how an action uses a path param. */
    enum Role {
        /** what the action creates, changes or removes (for a read-only action: what it reads). */
        TARGET,
        /** only read, never changed, even by a mutating action (a copy's source). */
        SOURCE,
        /**
         * a new file the action writes even though its risk is read (a screenshot saved to a path):
         * the protections of system paths apply to it whatever the action's risk.
         */
        OUTPUT,
        /**
         * an argv array whose first element names a program: a bare name is looked up in
         * {@link Programs#SEARCH_PATH}, and policy decides on the program's real absolute path.
         */
        PROGRAM
    }
}
