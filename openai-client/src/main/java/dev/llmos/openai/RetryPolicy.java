package dev.llmos.openai;

import java.time.Duration;
import java.util.Optional;

/**
 * how often a failed call is tried again: on connection failures, {@code 429} and {@code 5xx}. the
 * delay doubles from {@code initialBackoff} up to {@code maxBackoff}; a server's
 * {@code Retry-After} replaces it, within the same cap.
 *
 * @param maxAttempts attempts in all, at least 1
 * @param initialBackoff the delay before the second attempt
 * @param maxBackoff the longest delay between attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(4));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed, not " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must satisfy 0 <= initial <= max");
        }
    }

    /** the pause after failed attempt {@code attempt} (1-based). */
    public Duration delayAfter(int attempt, Optional<Duration> retryAfter) {
        Duration exponential = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        Duration wanted = retryAfter.orElse(exponential);
        return wanted.compareTo(maxBackoff) > 0 ? maxBackoff : wanted;
    }
}
