package dev.llmos.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** a json-rpc error object; {@code data} is optional structured detail. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RpcError(int code, String message, JsonNode data) {
    public RpcError {
        Objects.requireNonNull(message, "message");
    }

    /** the json pointer named by {@code data.pointer}, or null. */
    public String pointer() {
        return data != null && data.hasNonNull("pointer") ? data.get("pointer").asText() : null;
    }
}
