package dev.llmos.loop;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * one loop, everything that decides what happens in it and nothing that varies between runs:
 * the request, where it was made, the budget, each turn (the model's calls or answer, what the
 * machine answered, how the person decided), and why it ended. transaction ids, times and
 * durations live in the run record beside it ({@code NAME.run.json}), so replaying a loop on an
 * unchanged machine writes this file again byte for byte.
 *
 * @param version the format version, {@link #VERSION}
 * @param request what the person asked
 * @param cwd the working directory it was asked in, or null
 * @param budget what the loop could spend
 * @param turns the rounds so far
 * @param end why it ended, or null while it runs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Transcript(int version, String request, String cwd, Budget budget, List<Turn> turns, End end) {
    public static final int VERSION = 1;

    public Transcript {
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported transcript version " + version + ", expected " + VERSION);
        }
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(budget, "budget");
        turns = List.copyOf(turns);
    }

    public static Transcript start(String request, String cwd, Budget budget) {
        return new Transcript(VERSION, request, cwd, budget, List.of(), null);
    }

    /** with {@code turn} added (or, when its calls are the last turn's, replacing it with its results). */
    public Transcript with(Turn turn) {
        List<Turn> next = new ArrayList<>(turns);
        next.add(turn);
        return new Transcript(version, request, cwd, budget, next, end);
    }

    /** with the last turn replaced by {@code turn} (the same calls, now with results). */
    public Transcript withLast(Turn turn) {
        List<Turn> next = new ArrayList<>(turns);
        next.set(next.size() - 1, turn);
        return new Transcript(version, request, cwd, budget, next, end);
    }

    public Transcript ended(End how) {
        return new Transcript(version, request, cwd, budget, turns, how);
    }

    public Spend spend() {
        return Spend.of(turns);
    }

    /** the id the next call gets: {@code s} and one more than the calls so far. */
    public String nextStepId(int offset) {
        return "s" + (spend().steps() + offset + 1);
    }
}
