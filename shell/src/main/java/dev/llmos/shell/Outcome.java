package dev.llmos.shell;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * what an action's result means for llmsh's exit status beyond "the daemon said ok": a program
 * the action ran that exited non-zero or was killed ({@code exit_code}, {@code signal},
 * {@code killed_reason} in its output, as {@code proc.run} reports them), or a dry run whose
 * preview could not be made ({@code preview_error}). either makes llmsh exit 1; the result itself
 * is printed (and kept whole in --json) all the same.
 */
final class Outcome {
    private Outcome() {
    }

    /** why the result counts as a failure, or null when it does not. */
    static String failure(JsonNode result) {
        JsonNode output = result.path("output");
        if (output.hasNonNull("preview_error")) {
            return "the preview reports an error: " + output.get("preview_error").asText();
        }
        JsonNode killed = output.path("killed_reason");
        JsonNode signal = output.path("signal");
        if (killed.isTextual() && !killed.textValue().isEmpty()) {
            return "the program was stopped (" + killed.textValue() + ")"
                    + (signal.isTextual() && !signal.textValue().isEmpty() ? " by signal " + signal.textValue() : "");
        }
        if (signal.isTextual() && !signal.textValue().isEmpty()) {
            return "the program was killed by signal " + signal.textValue();
        }
        JsonNode exit = output.path("exit_code");
        if (exit.isIntegralNumber() && exit.longValue() != 0) {
            return "the program exited with status " + exit.longValue();
        }
        return null;
    }

    /** the exit code for a result: 1 when {@link #failure} finds one, else 0. */
    static int exitCode(JsonNode result) {
        return failure(result) == null ? ExitCodes.OK : ExitCodes.ACTION_FAILED;
    }
}
