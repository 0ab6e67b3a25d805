package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.action.Caller;
import dev.llmos.catalog.RecordBinder;
import dev.llmos.protocol.Request;
import dev.llmos.protocol.RpcException;
import java.util.HashMap;
import java.util.Map;

/**
 * the method table, built once: method name to handler. params are validated against the
 * handler's params record before the handler runs, always.
 */
final class Dispatcher {
    /** one request being served: who asked and the way back to them. */
    record Call(Request request, Caller caller, RunContext context) {
    }

    @FunctionalInterface
    interface Handler<P extends Record> {
        JsonNode handle(P params, Call call) throws RpcException;
    }

    private record Method<P extends Record>(RecordBinder<P> binder, Handler<P> handler, boolean longRunning) {
        JsonNode invoke(Call call) throws RpcException {
            P params = binder.bind(call.request().params(), "/params", call.request().method()).value();
            return handler.handle(params, call);
        }
    }

    private final Map<String, Method<?>> methods = new HashMap<>();

    /** registers a quick method, answered on the connection's reader thread. */
    <P extends Record> Dispatcher method(String name, Class<P> params, Handler<P> handler) {
        return register(name, new Method<>(RecordBinder.of(params), handler, false));
    }

    /** registers a method that may run long; it runs on its own thread so cancel can be read. */
    <P extends Record> Dispatcher longMethod(String name, Class<P> params, Handler<P> handler) {
        return register(name, new Method<>(RecordBinder.of(params), handler, true));
    }

    private Dispatcher register(String name, Method<?> method) {
        if (methods.putIfAbsent(name, method) != null) {
            throw new IllegalStateException("method registered twice: " + name);
        }
        return this;
    }

    boolean isLongRunning(String method) {
        Method<?> found = methods.get(method);
        return found != null && found.longRunning();
    }

    JsonNode dispatch(Call call) throws RpcException {
        Method<?> method = methods.get(call.request().method());
        if (method == null) {
            throw RpcException.methodNotFound(call.request().method());
        }
        return method.invoke(call);
    }
}
