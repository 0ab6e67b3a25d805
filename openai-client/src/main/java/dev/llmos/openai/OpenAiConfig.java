package dev.llmos.openai;

import java.time.Duration;
import java.util.Optional;

/**
 * how to reach one openai-compatible backend.
 *
 * @param endpoint where it listens
 * @param apiKey the bearer token, if the backend wants one
 * @param connectTimeout the limit for opening a connection
 * @param requestTimeout the limit for one attempt, from sending to the last byte of the answer;
 *     a socket-activated local model loads on the first request, so leave room for that
 * @param retry when to try again
 */
public record OpenAiConfig(Endpoint endpoint, Optional<ApiKey> apiKey, Duration connectTimeout,
                           Duration requestTimeout, RetryPolicy retry) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(120);

    public OpenAiConfig {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** no key, default timeouts and {@link RetryPolicy#DEFAULT}. */
    public static OpenAiConfig of(Endpoint endpoint) {
        return new OpenAiConfig(endpoint, Optional.empty(), DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, RetryPolicy.DEFAULT);
    }

    public OpenAiConfig withApiKey(ApiKey key) {
        return new OpenAiConfig(endpoint, Optional.of(key), connectTimeout, requestTimeout, retry);
    }

    public OpenAiConfig withTimeouts(Duration connect, Duration request) {
        return new OpenAiConfig(endpoint, apiKey, connect, request, retry);
    }

    public OpenAiConfig withRetry(RetryPolicy policy) {
        return new OpenAiConfig(endpoint, apiKey, connectTimeout, requestTimeout, policy);
    }
}
