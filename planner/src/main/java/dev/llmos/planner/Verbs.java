package dev.llmos.planner;

import dev.llmos.action.Risk;
import dev.llmos.catalog.ActionCatalog;
import dev.llmos.catalog.CatalogEntry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * the verbs that ask for each action, taken from the action's own examples (their first word), name and
 * description: a request whose verb asks for something else ("upgrade", "install", "move") never becomes an
 * action that changes something under another verb ("update", "mkdir"), however close its other words are.
 */
final class Verbs {
    /** words before the verb of a request. */
    private static final Set<String> LEAD = Set.of("please", "pls", "can", "could", "would", "will", "you", "i", "we",
            "want", "wanna", "to", "need", "let's", "lets", "let", "me", "just", "now", "go", "and", "kindly", "hey",
            "ok", "okay", "so", "also", "then", "quickly", "how", "do", "should", "must", "try", "help", "us");

    /** words that join a second step to the first. */
    private static final Set<String> JOINTS = Set.of("and", "then");
    /** words that put a second step before or after the first ("before upgrading"). */
    private static final Set<String> ORDER = Set.of("before", "after", "while");
    /** words between a joint and the verb of its step. */
    private static final Set<String> JOINT_FILLERS = Set.of("then", "also", "to", "afterwards", "after", "that", "please");
    /** verbs that change something, whether an action has them or not. */
    private static final Set<String> CHANGING = Set.of("modify", "change", "alter", "edit", "fix", "update", "set",
            "delete", "remove", "kill", "stop", "restart", "reload", "enable", "disable", "install", "uninstall",
            "truncate", "rename", "move", "overwrite", "replace", "chmod", "purge", "erase", "wipe", "clear", "empty",
            "flush");
    /** words after a changing verb that make it a noun ("access and change times"). */
    private static final Set<String> CHANGE_NOUNS = Set.of("time", "times", "date", "dates", "history", "log", "logs");
    /** words after a verb that say how or when, not what it acts on. */
    private static final Set<String> NOT_OBJECTS = Set.of("every", "each", "at", "after", "when", "whenever", "on",
            "if", "until", "automatically", "in", "once", "live", "continuously", "periodically", "as", "with", "verbose",
            "progress");

    private final Map<String, Set<String>> byAction = new HashMap<>();
    private final Set<String> all = new HashSet<>();
    /** verbs of actions that only read. */
    private final Set<String> reading = new HashSet<>();
    /** verbs of actions that change something. */
    private final Set<String> changing = new HashSet<>();
    /** the verbs of requests no action serves ("mount", "reboot", "ping") that no action's examples use. */
    private final Set<String> unserved = new HashSet<>();

    private Verbs(ActionCatalog catalog, List<String> unservedRequests) {
        for (CatalogEntry entry : catalog.entries()) {
            Set<String> verbs = new HashSet<>();
            for (String example : entry.action().examples()) {
                String verb = verb(RequestText.tokens(RequestText.normalize(example)));
                if (verb != null) {
                    verbs.add(verb);
                }
            }
            String verb = verb(RequestText.tokens(entry.action().description()));
            if (verb != null) {
                verbs.add(verb);
            }
            for (String part : entry.name().split("[._]")) {
                verbs.add(part);
            }
            byAction.put(entry.name(), Set.copyOf(verbs));
            all.addAll(verbs);
            if (entry.action().risk() == Risk.READ) {
                reading.addAll(verbs);
            } else {
                verbs.stream().filter(word -> !Lexicon.FUNCTION_WORDS.contains(word)).forEach(changing::add);
            }
        }
        for (String request : unservedRequests) {
            String verb = verb(RequestText.tokens(RequestText.normalize(request)));
            if (verb != null && !all.contains(verb)) {
                unserved.add(verb);
            }
        }
    }

    /** the verbs of {@code catalog}'s actions, and those of {@code unservedRequests} no action has. */
    static Verbs of(ActionCatalog catalog, List<String> unservedRequests) {
        return new Verbs(catalog, unservedRequests);
    }

    /** the first word of a request that is not a polite lead-in: usually its verb; null when none. */
    static String verb(List<Token> tokens) {
        for (Token token : tokens) {
            if (!token.value() && !LEAD.contains(token.word())) {
                return token.word();
            }
            if (token.value()) {
                return null;
            }
        }
        return null;
    }

    /**
     * true when the request's verb asks for {@code entry}: it is one of the action's verbs (or one typo away
     * from a long one), or the request starts with no known verb and names one of the action's verbs later.
     * an action that only reads agrees unless the request's verb only ever asks for a change ("empty",
     * "delete", "set"): reading the wrong thing changes nothing, but answers a change with a read. a request
     * whose verb only requests no action serves have ("mount", "reboot", "ping") agrees with no action.
     */
    boolean agree(CatalogEntry entry, List<Token> tokens) {
        String verb = base(verb(tokens));
        if (unserved.contains(verb)) {
            return false;
        }
        if (entry.action().risk() == Risk.READ) {
            return verb == null || !all.contains(verb) || reading.contains(verb);
        }
        return strict(entry, tokens) || !all.contains(verb) && lenient(entry, tokens);
    }

    /**
     * the verb as the catalog knows it: a third-person form of a known verb is that verb ("copies a file",
     * "kills the process", "moves a file"), as people describe what a command does; any other word as it is.
     */
    private String base(String verb) {
        if (verb == null || all.contains(verb) || unserved.contains(verb) || !verb.endsWith("s")) {
            return verb;
        }
        List<String> forms = List.of(verb.substring(0, verb.length() - 1),
                verb.endsWith("es") ? verb.substring(0, verb.length() - 2) : verb,
                verb.endsWith("ies") ? verb.substring(0, verb.length() - 3) + "y" : verb);
        for (String form : forms) {
            if (all.contains(form) || unserved.contains(form)) {
                return form;
            }
        }
        return verb;
    }

    /**
     * the two verbs a request starts with as alternatives ("enable/disable a unit", "start/stop nginx"), or
     * null: it asks for one of two things without saying which. two verbs of one action are one thing.
     */
    List<String> alternatives(List<Token> tokens) {
        String verb = verb(tokens);
        if (verb == null) {
            return null;
        }
        String[] parts = verb.split("/", -1);
        // two words for one thing ("move/rename a file", "remove/delete a package") ask for the action that has both
        boolean synonyms = parts.length == 2 && byAction.values().stream()
                .anyMatch(verbs -> verbs.contains(parts[0]) && verbs.contains(parts[1]));
        return parts.length == 2 && !parts[0].equals(parts[1]) && all.contains(parts[0]) && all.contains(parts[1])
                && !synonyms ? List.of(parts[0], parts[1]) : null;
    }

    /**
     * the verb of a change the request asks for after its first step, {@code entry} ("find all files here and
     * modify their permissions", "list the units then restart them", "move the mouse there and click"), or
     * null: a verb after "and" or "then" that asks for a change (of any action but {@code entry}'s own), or
     * that only requests no action serves use.
     */
    String laterChange(List<Token> tokens, CatalogEntry entry) {
        boolean reads = entry.action().risk() == Risk.READ;
        Set<String> own = reads ? Set.of() : ownWords(entry);
        for (int i = 1; i + 1 < tokens.size(); i++) {
            Token joint = tokens.get(i);
            String around = joint.value() ? null : gerund(tokens.get(i + 1), own);
            if (around != null && ORDER.contains(joint.word())) {
                // "sync with the repositories before upgrading packages": the change it names is a step too
                return around;
            }
            if (joint.value() || !JOINTS.contains(joint.word())) {
                continue;
            }
            int at = i + 1;
            while (at < tokens.size() - 1 && !tokens.get(at).value() && JOINT_FILLERS.contains(tokens.get(at).word())) {
                at++;
            }
            Token verb = tokens.get(at);
            // "and update every 2 seconds", "and stop at the first error": how the first step shows, not a change
            String next = at + 1 < tokens.size() ? tokens.get(at + 1).word() : "";
            boolean object = !next.isEmpty() && !CHANGE_NOUNS.contains(next) && !NOT_OBJECTS.contains(next);
            // after a change, any verb of another change is a second step; after a read, the words that
            // always ask for one. a verb that ends the request is one too ("move the mouse there and click")
            boolean change = CHANGING.contains(verb.word()) || !reads && changing.contains(verb.word())
                    || unserved.contains(verb.word());
            // verbs listed before the joint, other than the request's own, are one thing ("the right to read,
            // write and execute it"); its own verb and another are two steps ("stop and disable nginx")
            String before = tokens.get(i - 1).word();
            boolean listed = (CHANGING.contains(before) || changing.contains(before) || before.equals("read"))
                    && !before.equals(verb(tokens));
            boolean last = at + 1 >= tokens.size() && !reads;
            if (!verb.value() && (object || last) && change && !listed && !own.contains(verb.word())) {
                return verb.word();
            }
        }
        return null;
    }

    /**
     * the verb of an -ing form that asks for a change (of another action than the one with {@code own} words, or
     * only of requests no action serves): "upgrading" is upgrade, "deleting" delete; null for any other word.
     */
    private String gerund(Token token, Set<String> own) {
        String word = token.word();
        if (token.value() || !word.endsWith("ing") || word.length() < 6) {
            return null;
        }
        String stem = word.substring(0, word.length() - 3);
        for (String verb : List.of(stem + "e", stem, stem.substring(0, stem.length() - 1))) {
            if ((CHANGING.contains(verb) || changing.contains(verb) || unserved.contains(verb)) && !own.contains(verb)) {
                return verb;
            }
        }
        return null;
    }

    /**
     * the action's verbs and the words of its params' names and values: a verb they cover is part of the one
     * step ("write it and overwrite what is there" is one {@code fs.write} whose mode is overwrite).
     */
    private Set<String> ownWords(CatalogEntry entry) {
        Set<String> words = new HashSet<>(byAction.get(entry.name()));
        entry.schema().path("properties").properties().forEach(param -> {
            words.addAll(List.of(param.getKey().split("_")));
            words.addAll(List.of(param.getValue().path("enum").toString().toLowerCase(Locale.ROOT).split("[^a-z]+")));
        });
        return words;
    }

    /** true when the request's first verb is one of the action's verbs (or two of them: "move/rename"). */
    boolean strict(CatalogEntry entry, List<Token> tokens) {
        String verb = base(verb(tokens));
        Set<String> verbs = byAction.get(entry.name());
        return verb != null && (verbs.contains(verb) || !all.contains(verb) && typo(verbs, verb)
                || verb.contains("/") && verbs.containsAll(List.of(verb.split("/"))));
    }

    private boolean lenient(CatalogEntry entry, List<Token> tokens) {
        Set<String> verbs = byAction.get(entry.name());
        return tokens.stream().anyMatch(token -> !token.value() && verbs.contains(token.word()));
    }

    /** true when {@code word} is one typo away from one of the (long enough) verbs. */
    private static boolean typo(Set<String> verbs, String word) {
        for (String verb : verbs) {
            if (verb.length() >= 5 && Math.abs(verb.length() - word.length()) <= 1 && Typos.distance(word, verb) <= 1) {
                return true;
            }
        }
        return false;
    }
}
