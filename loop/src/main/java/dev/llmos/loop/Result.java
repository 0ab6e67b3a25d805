package dev.llmos.loop;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Objects;

/**
 * what became of one call, as the model gets to see it.
 *
 * @param id the call's step id
 * @param status what happened
 * @param output the action's output as fed to the model (cut to size, see {@link Digest}); only
 *     for {@link Status#OK}, else null
 * @param message why it did not run or how it failed, for every other status; else null
 * @param bytes the size of the whole output in bytes (compact json), 0 without output
 * @param shown the size of {@code output} as fed, at most {@code bytes}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Result(
        @NotNull @Size(min = 2, max = 8) String id,
        @NotNull Status status,
        @JsonPropertyDescription("the output as fed to the model") JsonNode output,
        @Size(max = 8192) String message,
        @NotNull @Min(0) Long bytes,
        @NotNull @Min(0) Long shown) {
    /** what became of a call. */
    public enum Status {
        /** it ran; its output follows. */
        OK,
        /** it ran and failed. */
        FAILED,
        /** policy denied it. */
        DENIED,
        /** the person said no. */
        DECLINED,
        /** an earlier step of the same batch failed, so it was not run. */
        SKIPPED,
        /** it was stopped while it ran (ctrl-c, the time budget). */
        CANCELLED,
        /** it was not run: a budget was used up, or nobody could confirm it. */
        NOT_RUN
    }

    public Result {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(shown, "shown");
        if ((status == Status.OK) != (output != null)) {
            throw new IllegalArgumentException("a result has output exactly when it is ok");
        }
    }

    /** a call that ran, with its output cut to size. */
    public static Result ok(String id, Digest.Fed fed) {
        return new Result(id, Status.OK, fed.shown(), null, fed.bytes(), fed.shownBytes());
    }

    /** a call that did not run or did not succeed, and why. */
    public static Result of(String id, Status status, String message) {
        if (status == Status.OK) {
            throw new IllegalArgumentException("an ok result carries output");
        }
        return new Result(id, status, null, clip(message), 0L, 0L);
    }

    private static String clip(String message) {
        return message.length() <= 8192 ? message : message.substring(0, 8190) + "…";
    }
}
