package dev.llmos.openai;

/**
 * a bearer token for a hosted api. it is sent only in the {@code Authorization} header of
 * requests to its endpoint; {@link #toString()} never shows it, so it cannot leak into logs.
 *
 * @param value the secret
 */
public record ApiKey(String value) {
    public ApiKey {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an api key must not be blank");
        }
        if (value.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("an api key must be printable ascii without spaces");
        }
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }
}
