package dev.llmos.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * what a request asks before any routing: what it says not to do is dropped (and a request that only
 * says what not to do is declined), a hypothetical ("what would happen if") is marked, the scope of its
 * object is read ("all log files in dir" is the contents of dir, "dir and everything in it" is dir
 * itself), and a mistyped llmsh command ("undo-list", "aduit verify") is recognized. pure.
 *
 * @param text the words to route and fill slots from (normalized), or empty when declined
 * @param declined why the request is declined before routing, or null
 * @param hypothetical the request asks what something would do rather than to do it
 * @param scope what the request's object is: a path itself, or some or all of what is inside it
 * @param itself the request names a folder together with everything in it
 */
record Reading(String text, String declined, boolean hypothetical, Scope scope, boolean itself) {
    /** what the object of a request is. */
    enum Scope {
        /** the path named (or no scope word at all). */
        ITSELF,
        /** everything inside a folder, but not the folder ("everything in dir", "empty dir"). */
        CONTENTS,
        /** some of what is inside a folder, chosen by a pattern or a quality ("all log files in dir", "*.log"). */
        PATTERN
    }

    /** words that end a clause before them. */
    private static final Set<String> CLAUSE_STARTS = Set.of("but", "just", "instead", "rather", "only");
    /** words that carry nothing once a clause is split off. */
    private static final Set<String> CONNECTORS = Set.of("but", "just", "instead", "rather", "please", "and", "so",
            "then");
    private static final Set<String> PRONOUNS = Set.of("it", "them", "that", "this", "those", "these");
    private static final Set<String> HYPOTHETICAL_STARTS = Set.of("what would", "what happens", "what will happen",
            "what if", "what happens if", "would it", "what would happen");
    private static final Set<String> INSIDE = Set.of("in", "inside", "under", "within", "from");
    /** verbs that send what is read somewhere ("save it to a file", "output ... into a file"). */
    private static final Set<String> SAVING = Set.of("save", "saving", "output", "write", "writing", "dump", "export",
            "redirect", "store", "tee", "append", "pipe", "copy", "put");
    private static final Set<String> INTO = Set.of("to", "into", "in", "as");
    /** where what is read is saved ("to a file", "export the logs to disk"). */
    private static final Set<String> SAVED_TO = Set.of("file", "files", "disk");
    private static final Set<String> ARTICLES = Set.of("a", "an", "the", "new", "another", "text", "separate", "same");
    private static final Set<String> QUANTIFIERS = Set.of("all", "every", "each", "any");
    private static final Set<String> EVERYTHING = Set.of("everything", "anything");
    /** words between a quantifier and its preposition that do not narrow what is chosen. */
    private static final Set<String> PLAIN_OBJECTS = Set.of("the", "of", "my", "files", "file", "contents", "content",
            "items", "entries", "things", "stuff", "and", "subdirs", "subdirectories", "folders", "directories",
            "dirs", "permissions", "permission", "rights", "modes", "mode", "that", "is", "are", "inside", "its");
    /** verbs that act on what is inside a folder ("empty /tmp/x"). */
    private static final Set<String> EMPTYING = Set.of("empty", "clean", "clear", "wipe", "purge");
    private static final List<List<String>> ITSELF_PHRASES = List.of(
            List.of("and", "everything", "in", "it"), List.of("with", "everything", "in", "it"),
            List.of("and", "all", "its", "contents"), List.of("and", "its", "contents"),
            List.of("with", "all", "its", "contents"), List.of("including", "its", "contents"),
            List.of("and", "everything", "inside"), List.of("and", "all", "of", "its", "contents"),
            List.of("and", "everything", "inside", "it"));

    /** reads a normalized request; {@code vocabulary} holds the words the catalog's examples use. */
    static Reading of(String normalized, Set<String> vocabulary) {
        List<Token> tokens = RequestText.tokens(normalized);
        String command = CliWords.mistyped(tokens, vocabulary);
        if (command != null) {
            return new Reading("", command, false, Scope.ITSELF, false);
        }
        List<List<Token>> clauses = clauses(tokens);
        List<Token> kept = new ArrayList<>();
        List<Token> negatedObject = new ArrayList<>();
        boolean negated = false;
        for (List<Token> clause : clauses) {
            int verb = negatedVerb(clause);
            if (verb >= 0) {
                negated = true;
                negatedObject.addAll(clause.subList(Math.min(verb + 1, clause.size()), clause.size()));
            } else {
                kept.addAll(clause);
            }
        }
        List<Token> positive = new ArrayList<>();
        for (Token token : kept) {
            if (positive.isEmpty() && CONNECTORS.contains(token.word())) {
                continue;
            }
            if (negated && PRONOUNS.contains(token.word()) && !negatedObject.isEmpty()) {
                positive.addAll(objectOf(negatedObject));
            } else {
                positive.add(token);
            }
        }
        if (negated && positive.stream().noneMatch(token -> token.value()
                || !Lexicon.NOT_NAMES.contains(token.word()) && !CONNECTORS.contains(token.word()))) {
            return new Reading("", "the request says only what not to do; nothing was planned", false, Scope.ITSELF,
                    false);
        }
        String text = join(tool(positive));
        String lower = text.toLowerCase(Locale.ROOT);
        boolean hypothetical = HYPOTHETICAL_STARTS.stream().anyMatch(start -> lower.startsWith(start + " "));
        boolean itself = ITSELF_PHRASES.stream().anyMatch(phrase -> contains(positive, phrase));
        return new Reading(text, null, hypothetical, itself ? Scope.ITSELF : scope(positive), itself);
    }

    /**
     * true when the request asks for what it reads to be saved into a file ("output the clipboard into a
     * file", "tee stdout to out.log", "save the list to files.txt"): a second step after the read, which a
     * read action does not take.
     */
    static boolean intoFile(List<Token> tokens) {
        return savedInto(tokens, SAVED_TO);
    }

    /**
     * true when the request asks for what it reads to be put on the clipboard ("take a screenshot and copy it
     * to the clipboard"): a second step after the read.
     */
    static boolean intoClipboard(List<Token> tokens) {
        return savedInto(tokens, Set.of("clipboard"));
    }

    private static boolean savedInto(List<Token> tokens, Set<String> places) {
        boolean saving = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String word = token.word();
            if (!token.value() && SAVING.contains(word)) {
                saving = true;
            } else if ((word.equals(">") || word.equals(">>")) && places.contains("file")) {
                return true;
            } else if (saving && !token.value() && INTO.contains(word)) {
                for (int k = i + 1; k < Math.min(tokens.size(), i + 4); k++) {
                    Token object = tokens.get(k);
                    if (object.path() && places.contains("file") && PathShape.of(object.text()).equals(PathShape.FILE)
                            || !object.value() && places.contains(object.word())) {
                        return true;
                    }
                    if (object.value() || !ARTICLES.contains(object.word())) {
                        break;
                    }
                }
            }
        }
        return false;
    }

    /**
     * "use systemctl to list all unit files" read as "list all unit files with systemctl": the task first,
     * so its verb is the request's verb; the tool stays as a word of it.
     */
    private static List<Token> tool(List<Token> tokens) {
        if (tokens.isEmpty() || !Set.of("use", "using").contains(tokens.getFirst().word())) {
            return tokens;
        }
        for (int to = 2; to < Math.min(tokens.size() - 1, 4); to++) {
            if (tokens.get(to).word().equals("to") && !tokens.get(to).value()) {
                List<Token> task = new ArrayList<>(tokens.subList(to + 1, tokens.size()));
                task.add(new Token("with", "with", false));
                task.addAll(tokens.subList(1, to));
                return task;
            }
        }
        return tokens;
    }

    /** the clauses of a request: split after a comma or semicolon, and before "but", "just", "instead". */
    private static List<List<Token>> clauses(List<Token> tokens) {
        List<List<Token>> clauses = new ArrayList<>();
        List<Token> clause = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            boolean startsNegation = token.word().equals("and") && i + 1 < tokens.size() && cue(tokens, i + 1) > 0;
            if (!clause.isEmpty() && (CLAUSE_STARTS.contains(token.word()) || startsNegation)) {
                clauses.add(clause);
                clause = new ArrayList<>();
            }
            clause.add(token);
            String raw = token.raw();
            if (!token.quoted() && (raw.endsWith(",") || raw.endsWith(";"))) {
                clauses.add(clause);
                clause = new ArrayList<>();
            }
        }
        if (!clause.isEmpty()) {
            clauses.add(clause);
        }
        return clauses;
    }

    /**
     * the index of the verb a clause negates ("don't delete", "do not remove", "never kill", "without
     * deleting", "i don't want to stop"), or -1 when the clause is not a negated action.
     */
    private static int negatedVerb(List<Token> clause) {
        for (int i = 0; i < Math.min(clause.size(), 5); i++) {
            int length = cue(clause, i);
            if (length > 0) {
                int verb = i + length;
                // "don't want to", "do not need to": the verb comes after the wish
                while (verb < clause.size() && Set.of("want", "need", "wish", "to", "ever", "please", "you", "go")
                        .contains(clause.get(verb).word())) {
                    verb++;
                }
                boolean gerund = clause.get(i).word().equals("without") || clause.get(i).word().equals("no");
                if (verb < clause.size() && !clause.get(verb).value()
                        && (!gerund || clause.get(verb).word().endsWith("ing"))) {
                    return verb;
                }
            }
        }
        return -1;
    }

    /** the length of a negation cue starting at {@code i}, or 0. */
    private static int cue(List<Token> tokens, int i) {
        String word = tokens.get(i).word();
        String next = i + 1 < tokens.size() ? tokens.get(i + 1).word() : "";
        if (Set.of("don't", "dont", "never", "without", "shouldn't", "mustn't", "doesn't").contains(word)
                || word.equals("no") && next.endsWith("ing")) {
            return 1;
        }
        if ((word.equals("do") || word.equals("must") || word.equals("should") || word.equals("please"))
                && next.equals("not")) {
            return 2;
        }
        return 0;
    }

    /** what a negated clause acts on: its paths and quoted names, else its words after the verb. */
    private static List<Token> objectOf(List<Token> words) {
        List<Token> values = words.stream().filter(Token::value).toList();
        if (!values.isEmpty()) {
            return values;
        }
        return words.stream().filter(token -> !Lexicon.NOT_NAMES.contains(token.word())).toList();
    }

    /**
     * the scope a request's words give its object: a glob, or a quantifier ("all", "every", "everything")
     * or a plural noun before "in dir", or an emptying verb ("empty dir"), or "but keep the folder".
     */
    private static Scope scope(List<Token> tokens) {
        boolean contents = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String word = token.word();
            if (token.path() && (token.text().indexOf('*') >= 0 || token.text().indexOf('?') >= 0)
                    || !token.value() && word.startsWith("*.")) {
                return Scope.PATTERN;
            }
            if (QUANTIFIERS.contains(word) || EVERYTHING.contains(word)) {
                int inside = nextInside(tokens, i + 1, 6);
                if (inside > 0) {
                    if (EVERYTHING.contains(word)) {
                        contents = true;
                        continue;
                    }
                    boolean narrowed = false;
                    for (int k = i + 1; k < inside; k++) {
                        narrowed |= !PLAIN_OBJECTS.contains(tokens.get(k).word());
                    }
                    if (narrowed) {
                        return Scope.PATTERN;
                    }
                    contents = true;
                }
            }
            if (i > 0 && plural(word) && !PLAIN_OBJECTS.contains(word) && nextInside(tokens, i + 1, 1) > 0
                    && !PLAIN_OBJECTS.contains(tokens.get(i - 1).word()) && !tokens.get(i - 1).value()
                    && !Lexicon.NOT_NAMES.contains(tokens.get(i - 1).word())) {
                return Scope.PATTERN;
            }
            if (i > 0 && plural(word) && !PLAIN_OBJECTS.contains(word) && nextInside(tokens, i + 1, 1) > 0
                    && tokens.get(i - 1).word().equals("the")) {
                contents = true;
            }
            if (i == 0 && EMPTYING.contains(word) && tokens.size() > 1 && (tokens.get(1).path()
                    || tokens.size() > 2 && tokens.get(1).word().equals("the") && tokens.get(2).path()
                    || tokens.stream().anyMatch(t -> Lexicon.FOLDER_WORDS.contains(t.word())))) {
                contents = true;
            }
            if (word.equals("keep") && i + 2 < tokens.size() && Lexicon.FOLDER_WORDS.contains(tokens.get(i + 2).word())) {
                contents = true;
            }
        }
        return contents ? Scope.CONTENTS : Scope.ITSELF;
    }

    /** the index of "in", "inside", "under", "within" or "from" followed by a place, within {@code span} words. */
    private static int nextInside(List<Token> tokens, int from, int span) {
        for (int k = from; k < Math.min(tokens.size() - 1, from + span); k++) {
            if (INSIDE.contains(tokens.get(k).word()) && place(tokens, k + 1)) {
                return k;
            }
        }
        return -1;
    }

    /** true when a place starts at {@code i}: a path, or a word for a folder ("the build folder", "my home"). */
    private static boolean place(List<Token> tokens, int i) {
        for (int k = i; k < Math.min(tokens.size(), i + 4); k++) {
            Token token = tokens.get(k);
            if (token.path() || Lexicon.FOLDER_WORDS.contains(token.word()) || Lexicon.HOME.contains(token.word())
                    || Lexicon.USER_DIRS.containsKey(token.word()) || token.word().equals("here")) {
                return true;
            }
        }
        return false;
    }

    private static boolean plural(String word) {
        return word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
                && !word.endsWith("is") && word.chars().allMatch(Character::isLetter);
    }

    private static boolean contains(List<Token> tokens, List<String> phrase) {
        for (int i = 0; i + phrase.size() <= tokens.size(); i++) {
            boolean match = true;
            for (int k = 0; k < phrase.size() && match; k++) {
                match = tokens.get(i + k).word().equals(phrase.get(k));
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static String join(List<Token> tokens) {
        StringBuilder out = new StringBuilder();
        for (Token token : tokens) {
            String raw = token.raw();
            out.append(out.isEmpty() ? "" : " ").append(token.quoted() ? raw : raw.replaceAll("[,;]+$", ""));
        }
        return RequestText.normalize(out.toString());
    }
}
