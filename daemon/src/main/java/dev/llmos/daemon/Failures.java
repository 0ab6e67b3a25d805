package dev.llmos.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.protocol.ErrorCodes;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;

/** the -32003 "action failed" error, with its structured data. */
final class Failures {
    /** stderr kept in an error: the tail, so the cause (usually last) survives. */
    static final int STDERR_TAIL = 4096;

    private Failures() {
    }

    static RpcException actionFailed(String message, Integer exitCode, String stderr) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        if (exitCode != null) {
            data.put("exit_code", exitCode);
        }
        if (stderr != null) {
            data.put("stderr", stderr.length() > STDERR_TAIL ? stderr.substring(stderr.length() - STDERR_TAIL) : stderr);
        }
        return RpcException.of(ErrorCodes.ACTION_FAILED, message, data);
    }

    /** the same failure with the transaction id added to its data. */
    static RpcException withTxid(RpcException e, String txid) {
        ObjectNode data = e.error().data() instanceof ObjectNode object ? object.deepCopy() : Json.MAPPER.createObjectNode();
        data.put("txid", txid);
        return RpcException.of(e.error().code(), e.error().message(), data);
    }
}
