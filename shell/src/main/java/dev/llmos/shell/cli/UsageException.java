package dev.llmos.shell.cli;

import java.util.List;

/**
 * the command line cannot be run as given: an unknown command or option, a missing or extra
 * argument, a bad value. carries the command it happened in (for a usage hint) and what the
 * person probably meant.
 */
public final class UsageException extends Exception {
    private final transient List<Cmd<?>> path;

    public UsageException(String message, List<? extends Cmd<?>> path, List<String> suggestions) {
        super(message + Suggest.phrase(suggestions), null, false, false);
        this.path = List.copyOf(path);
    }

    /** the commands from the root to where the problem was found. */
    public List<Cmd<?>> path() {
        return path;
    }
}
