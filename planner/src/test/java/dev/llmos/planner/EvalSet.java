package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.protocol.Json;
import dev.llmos.protocol.RpcException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** a tab-separated router eval file: request, expected action ("-" when it must be refused), key params. */
final class EvalSet {
    /** the action a case expects when the router must refuse. */
    static final String REFUSE = "-";

    /**
     * one request and what the router should make of it.
     *
     * @param params the params that must be planned; any other param must be absent or its default
     */
    record Case(String text, String action, JsonNode params) {
        boolean refusal() {
            return action.equals(REFUSE);
        }
    }

    private EvalSet() {
    }

    static List<Case> load(String resource) {
        try (InputStream in = EvalSet.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            List<Case> cases = new ArrayList<>();
            int number = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length != 3) {
                    throw new IllegalStateException(resource + ":" + number + ": expected 3 tab-separated fields");
                }
                cases.add(new Case(fields[0], fields[1], Json.parse(fields[2].getBytes(StandardCharsets.UTF_8))));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RpcException e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
    }
}
