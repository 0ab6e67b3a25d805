package dev.llmos.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * a request that ends in a json-rpc error. each factory fixes the code, so a caller cannot pair a
 * message with the wrong code.
 */
public final class RpcException extends Exception {
    private final transient RpcError error;

    public RpcException(RpcError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public RpcError error() {
        return error;
    }

    public static RpcException parseError(String message) {
        return of(ErrorCodes.PARSE_ERROR, message, null);
    }

    public static RpcException invalidRequest(String message) {
        return of(ErrorCodes.INVALID_REQUEST, message, null);
    }

    public static RpcException methodNotFound(String method) {
        return of(ErrorCodes.METHOD_NOT_FOUND, "unknown method: " + method, null);
    }

    /** invalid params; {@code pointer} is the json pointer of the offending field. */
    public static RpcException invalidParams(String pointer, String message) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("pointer", pointer);
        return of(ErrorCodes.INVALID_PARAMS, message, data);
    }

    /** denied by policy; {@code data.reason} repeats the reason for clients that render data. */
    public static RpcException denied(String reason) {
        return of(ErrorCodes.DENIED, "denied: " + reason, Json.MAPPER.createObjectNode().put("reason", reason));
    }

    public static RpcException busy(String message) {
        return of(ErrorCodes.BUSY, message, null);
    }

    public static RpcException internal(String message) {
        return of(ErrorCodes.INTERNAL_ERROR, message, null);
    }

    public static RpcException of(int code, String message, JsonNode data) {
        return new RpcException(new RpcError(code, message, data));
    }
}
