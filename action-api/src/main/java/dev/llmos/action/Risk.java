package dev.llmos.action;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** how much an action can change, from least to most; policy defaults key on this. */
public enum Risk {
    /** observes state only. */
    READ,
    /** creates or changes user data in a recoverable way. */
    WRITE,
    /** removes or overwrites data. */
    DESTRUCTIVE,
    /** changes the system itself: services, packages, settings. */
    SYSTEM;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
