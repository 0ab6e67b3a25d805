package dev.llmos.policy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** what policy says about one request, ordered from least to most strict; the strictest wins. */
public enum Decision {
    /** run without asking. */
    ALLOW,
    /** run only after the caller confirms what was previewed. */
    ASK,
    /** never run. */
    DENY;

    /** the stricter of this and {@code other}. */
    public Decision strictest(Decision other) {
        return other.compareTo(this) > 0 ? other : this;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** the decision named {@code text} ({@code allow}, {@code ask} or {@code deny}), or null. */
    public static Decision fromWireName(String text) {
        for (Decision decision : values()) {
            if (decision.wireName().equals(text)) {
                return decision;
            }
        }
        return null;
    }
}
