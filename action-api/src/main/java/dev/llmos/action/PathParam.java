package dev.llmos.action;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * marks a params record component (a string, or an array of strings) as a filesystem path, so
 * policy resolves it (symlinks, {@code ..}) before deciding and the executor re-checks it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface PathParam {
}
