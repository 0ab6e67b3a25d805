package dev.llmos.shell.cli;

import java.util.List;

/** where the completions of an argument or option value come from. */
public sealed interface Values {
    /** nothing to offer. */
    Values NONE = new Fixed(List.of());
    /** file names. */
    Values FILES = new Dynamic("files");

    /** a closed set of words, also checked when parsing. */
    record Fixed(List<String> words) implements Values {
        public Fixed {
            words = List.copyOf(words);
        }
    }

    /** words only the application knows at run time (action names, params), named by {@code kind}. */
    record Dynamic(String kind) implements Values {
    }

    static Values of(String... words) {
        return new Fixed(List.of(words));
    }
}
