package dev.llmos.action;

import dev.llmos.support.WireEnum;

/** how much an action can change, from least to most; policy defaults key on this. */
public enum Risk implements WireEnum {
    /** observes state only. */
    READ,
    /** creates or changes user data in a recoverable way. */
    WRITE,
    /** removes or overwrites data. */
    DESTRUCTIVE,
    /** changes the system itself: services, packages, settings. */
    SYSTEM
}
