package dev.llmos.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.junit.jupiter.api.Test;

/** a {@code @Pattern} holds for the whole value, whatever json schema's search semantics would let through. */
class WholePatternTest {
    record Named(@NotNull @Pattern(regexp = "^[a-z][a-z0-9.-]+$") String name, @Pattern(regexp = "[0-9]+") String count) {
    }

    private static final RecordBinder<Named> BINDER = RecordBinder.of(Named.class);

    private static RpcException refused(String json) {
        return assertThrows(RpcException.class,
                () -> BINDER.bind(Json.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "/params", "t"));
    }

    @Test
    void aTrailingNewlineIsNotPartOfAName() {
        assertEquals("/params/name", refused("{\"name\":\"hello\\n\"}").error().data().path("pointer").asText());
    }

    @Test
    void anUnanchoredPatternStillMeansTheWholeValue() {
        assertEquals("/params/count", refused("{\"name\":\"hello\",\"count\":\"12abc\"}").error().data()
                .path("pointer").asText());
    }

    @Test
    void aMatchingValueBinds() throws Exception {
        Named named = BINDER.bind(Json.parse("{\"name\":\"hello\",\"count\":\"12\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), "/params", "t").value();
        assertEquals("hello", named.name());
    }
}
