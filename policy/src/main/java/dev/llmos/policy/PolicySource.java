package dev.llmos.policy;

import java.util.Objects;

/**
 * the text of one policy file.
 *
 * @param name how errors and {@code show} name it, usually the file path
 * @param text the toml text
 */
public record PolicySource(String name, String text) {
    public PolicySource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
