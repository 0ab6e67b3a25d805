package dev.llmos.policy;

import dev.llmos.support.WireEnum;

/** what policy says about one request, ordered from least to most strict; the strictest wins. */
public enum Decision implements WireEnum {
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

    /** the decision named {@code text} ({@code allow}, {@code ask} or {@code deny}), or null. */
    public static Decision fromWireName(String text) {
        return WireEnum.parse(Decision.class, text).orElse(null);
    }
}
