package dev.llmos.planner;

import java.util.Locale;

/** what a request's words may leave the machine for: the one setting that governs remote llms. */
public enum Privacy {
    /** never: only the router and local models plan. */
    LOCAL_ONLY,
    /** only after the person agreed, for that request (a confirmation like any other). */
    ASK_BEFORE_REMOTE,
    /** whenever routing picks the remote model. */
    ALLOW_REMOTE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** parses {@code local-only}, {@code ask-before-remote} or {@code allow-remote}. */
    public static Privacy parse(String text) {
        for (Privacy value : values()) {
            if (value.wireName().equals(text)) {
                return value;
            }
        }
        throw new IllegalArgumentException("privacy is local-only, ask-before-remote or allow-remote, not " + text);
    }
}
