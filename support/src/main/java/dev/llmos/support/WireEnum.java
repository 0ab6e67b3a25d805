package dev.llmos.support;

import java.util.Locale;

/**
 * an enum whose constants are lowercase words on the wire and in messages ({@code READ} is
 * {@code read}), as the project's json codec writes every enum. implement it instead of writing
 * {@code wireName()} again.
 */
public interface WireEnum {
    /** the constant's name, as {@link Enum#name()} gives it. */
    String name();

    /** the constant in lowercase: {@code read}, {@code char_device}. */
    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** the constant of {@code type} whose {@link #wireName()} is {@code text}, or empty. */
    static <E extends Enum<E> & WireEnum> java.util.Optional<E> parse(Class<E> type, String text) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wireName().equals(text)) {
                return java.util.Optional.of(constant);
            }
        }
        return java.util.Optional.empty();
    }
}
