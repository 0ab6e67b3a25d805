package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.Action;
import dev.llmos.action.ActionContext;
import dev.llmos.action.ActionException;
import dev.llmos.action.Caller;
import dev.llmos.catalog.CatalogEntry;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;

/** calls an action's handler in this process and turns its outcome into json or a -32003 error. */
final class ActionInvoker {
    private ActionInvoker() {
    }

    static ObjectNode invoke(CatalogEntry.Bound bound, Caller caller, RunContext run) throws RpcException {
        @SuppressWarnings("unchecked")
        Action<Record> action = (Action<Record>) bound.entry().action();
        ActionContext context = new ActionContext() {
            @Override
            public Caller caller() {
                return caller;
            }

            @Override
            public void progress(String message, Double fraction) {
                run.progress(message, fraction);
            }

            @Override
            public boolean cancelled() {
                return run.cancelled();
            }
        };
        try {
            JsonNode output = Json.toTree(action.execute(bound.value(), context));
            if (output instanceof ObjectNode object) {
                return object;
            }
            ObjectNode wrapped = Json.MAPPER.createObjectNode();
            wrapped.set("value", output);
            return wrapped;
        } catch (ActionException e) {
            throw Failures.actionFailed(e.getMessage(), e.exitCode(), e.stderr());
        } catch (RuntimeException e) {
            System.err.println("llm-osd: action " + action.name() + " failed unexpectedly: " + e);
            throw Failures.actionFailed(action.name() + " failed: " + e, null, null);
        }
    }
}
