package dev.llmos.modeld;

import java.util.Set;

/**
 * one chat message for {@link LocalModel#chatPrompt}.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param content the text
 */
public record ChatTurn(String role, String content) {
    public static final String SYSTEM = "system";
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    private static final Set<String> ROLES = Set.of(SYSTEM, USER, ASSISTANT);

    public ChatTurn {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be system, user or assistant, not " + role);
        }
        if (content == null) {
            throw new IllegalArgumentException("content is required");
        }
    }
}
