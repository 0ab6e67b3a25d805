package dev.llmos.planner;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * the signal a request names, as kill(1) and people name them: {@code -9}, {@code -HUP}, {@code SIGHUP},
 * {@code -s hup}, "signal 1", or in words ("hang up", "reload", "gently" = term, "forcefully" = kill,
 * "pause" = stop, "resume" = cont). the verb that starts a request ("kill 1234", "stop process 1234") says to
 * send a signal, not which: kill(1) then sends term. the first signal named wins. pure.
 */
final class SignalWords {
    /** signal numbers on linux x86-64, by the names the {@code signal} param takes. */
    private static final Map<String, String> NUMBERS = Map.of("1", "hup", "2", "int", "9", "kill", "15", "term",
            "19", "stop", "18", "cont", "10", "usr1", "12", "usr2");
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("hup", "hup"), Map.entry("int", "int"), Map.entry("kill", "kill"), Map.entry("term", "term"),
            Map.entry("stop", "stop"), Map.entry("cont", "cont"), Map.entry("usr1", "usr1"), Map.entry("usr2", "usr2"),
            Map.entry("tstp", "stop"));
    /** words that name a signal wherever they stand. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("hangup", "hup"), Map.entry("reload", "hup"), Map.entry("reloads", "hup"),
            Map.entry("interrupt", "int"), Map.entry("ctrl-c", "int"), Map.entry("ctrl+c", "int"),
            Map.entry("gently", "term"), Map.entry("gracefully", "term"), Map.entry("graceful", "term"),
            Map.entry("politely", "term"), Map.entry("nicely", "term"), Map.entry("cleanly", "term"),
            Map.entry("forcefully", "kill"), Map.entry("forcibly", "kill"), Map.entry("force", "kill"),
            Map.entry("forced", "kill"), Map.entry("immediately", "kill"),
            Map.entry("pause", "stop"), Map.entry("suspend", "stop"), Map.entry("freeze", "stop"),
            Map.entry("resume", "cont"), Map.entry("continue", "cont"), Map.entry("unpause", "cont"),
            Map.entry("unfreeze", "cont"));
    /** verbs that say to signal a process without saying which signal. */
    private static final Set<String> VERBS = Set.of("kill", "stop", "terminate", "end", "quit", "close", "send",
            "signal");

    private SignalWords() {
    }

    /** the signal the words name, taking their tokens; null when they name none. */
    static String find(Words words) {
        for (int i = 0; i < words.size(); i++) {
            if (!words.free(i)) {
                continue;
            }
            String word = words.word(i);
            String signal = flag(word);
            if (signal != null) {
                words.take(i, 1);
                return signal;
            }
            if ((word.equals("-s") || word.equals("--signal") || word.equals("signal") || word.equals("sig"))
                    && i + 1 < words.size() && words.free(i + 1)) {
                String next = name(words.word(i + 1));
                if (next == null && !word.equals("signal")) {
                    next = NUMBERS.get(words.word(i + 1));
                }
                if (next == null && word.equals("signal") && NUMBERS.containsKey(words.word(i + 1))
                        && i + 2 < words.size() && Set.of("to", "for", "at").contains(words.word(i + 2))) {
                    next = NUMBERS.get(words.word(i + 1));
                }
                if (next != null) {
                    words.take(i, 2);
                    return next;
                }
            }
            if (word.startsWith("sig") && name(word) != null) {
                words.take(i, 1);
                return name(word);
            }
            if (WORDS.containsKey(word)) {
                words.take(i, 1);
                return WORDS.get(word);
            }
            if (word.equals("hang") && words.word(i + 1).equals("up")) {
                words.take(i, 2);
                return "hup";
            }
            String named = NAMES.get(word);
            boolean leadingVerb = VERBS.contains(word) && (i == 0 || List.of("please", "just", "now", "force")
                    .contains(words.word(i - 1)));
            if (named != null && !leadingVerb && isSignalNoun(words, i)) {
                words.take(i, 1);
                return named;
            }
        }
        return null;
    }

    /** a name used as a signal ("a kill signal", "send hup", "with term"), not as a verb. */
    private static boolean isSignalNoun(Words words, int i) {
        String before = words.word(i - 1);
        String after = words.word(i + 1);
        return after.equals("signal") || Set.of("send", "sends", "with", "a", "the", "using").contains(before);
    }

    /** {@code -9}, {@code -HUP}, {@code -SIGHUP}: kill(1)'s option form. */
    private static String flag(String word) {
        if (!word.startsWith("-") || word.length() < 2) {
            return null;
        }
        String rest = word.substring(1);
        return NUMBERS.containsKey(rest) ? NUMBERS.get(rest) : name(rest);
    }

    /** {@code hup}, {@code SIGHUP}, {@code sig_hup}: a signal's name. */
    private static String name(String word) {
        String lower = word.toLowerCase(Locale.ROOT).replace("_", "");
        return NAMES.get(lower.startsWith("sig") ? lower.substring(3) : lower);
    }
}
