package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * an action the request may have meant, offered when the planner will not choose.
 *
 * @param action the action's name
 * @param score how close the request is to the action's examples, higher is closer (cosine, -1 to 1)
 * @param command how to run it directly, with what the request gave filled in
 * @param params the params the request gave for it (not validated; missing ones absent)
 */
record Candidate(String action, double score, String command, JsonNode params) {
}
