package dev.llmos.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * the permission mode a request names, in chmod's terms: octal ({@code 755}, {@code 0644}), symbolic as
 * typed ({@code u+x}, {@code go-rwx}), or in words ("make it executable" is {@code +x}, "remove write from
 * the group" is {@code g-w}, "give others the same rights as the group" is {@code o=g}, "set user to
 * read/write and group/global read" is {@code u=rw,go=r}). pure.
 */
final class ModeWords {
    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3}|[0-7]{4}");
    private static final Pattern SYMBOLIC = Pattern.compile(
            "[ugoa]*([-+=]([rwxXst]*|[ugo]))+(,[ugoa]*([-+=]([rwxXst]*|[ugo]))+)*");
    private static final Map<String, String> WHO = Map.ofEntries(
            Map.entry("user", "u"), Map.entry("owner", "u"), Map.entry("owners", "u"), Map.entry("me", "u"),
            Map.entry("myself", "u"), Map.entry("group", "g"), Map.entry("groups", "g"),
            Map.entry("others", "o"), Map.entry("other", "o"), Map.entry("world", "o"),
            Map.entry("global", "o"), Map.entry("everyone", "a"), Map.entry("everybody", "a"),
            Map.entry("anyone", "a"), Map.entry("all", "a"));
    private static final Map<String, String> PERMS = Map.ofEntries(
            Map.entry("read", "r"), Map.entry("readable", "r"), Map.entry("reading", "r"), Map.entry("write", "w"), Map.entry("writable", "w"), Map.entry("writeable", "w"), Map.entry("writing", "w"),
            Map.entry("execute", "x"), Map.entry("executable", "x"), Map.entry("exec", "x"),
            Map.entry("execution", "x"), Map.entry("executing", "x"), Map.entry("runnable", "x"), Map.entry("search", "x"));
    private static final Set<String> ADD = Set.of("add", "give", "grant", "allow", "make", "plus", "enable", "let");
    private static final Set<String> REMOVE = Set.of("remove", "revoke", "take", "deny", "drop", "strip", "disable",
            "minus", "without", "withdraw", "non", "not", "unset", "clear");
    private static final Set<String> SET = Set.of("set", "only", "exactly", "=");

    private ModeWords() {
    }

    /** the mode the words name, taking their tokens; null when they name none. */
    static String find(Words words) {
        for (int i = 0; i < words.size(); i++) {
            if (!words.free(i) && !words.token(i).quoted()) {
                continue;
            }
            String text = words.token(i).text();
            if (OCTAL.matcher(text).matches()) {
                words.take(i, 1);
                return text;
            }
            String joined = symbolicAt(words, i);
            if (joined != null) {
                return joined;
            }
        }
        return fromWords(words);
    }

    /** a symbolic mode typed at {@code i}, joining "u=rwx, go=r" split at its comma; null when none. */
    private static String symbolicAt(Words words, int i) {
        String text = words.token(i).text();
        if (!SYMBOLIC.matcher(text).matches() || text.matches("[ugoa]+")) {
            return null;
        }
        int end = i + 1;
        StringBuilder mode = new StringBuilder(text);
        while (words.token(end - 1).raw().endsWith(",") && end < words.size() && words.free(end)
                && SYMBOLIC.matcher(words.token(end).text()).matches()) {
            mode.append(',').append(words.token(end).text());
            end++;
        }
        words.take(i, end - i);
        return mode.toString();
    }

    /**
     * a mode in words: clauses of who ("the group", "user/group/global"), an operation ("give", "remove",
     * "set ... to", "only") and permissions ("read", "write", "execute", "executable"), or "the same rights
     * as the group". a clause without who applies to all, the way {@code +x} does.
     */
    private static String fromWords(Words words) {
        List<String> clauses = new ArrayList<>();
        Set<Character> who = new LinkedHashSet<>();
        Set<Character> perms = new LinkedHashSet<>();
        char op = 0;
        char copy = 0;
        List<Integer> used = new ArrayList<>();
        boolean aside = false;
        for (int i = 0; i < words.size(); i++) {
            String raw = words.token(i).raw();
            // an aside in brackets ("others (not in the owner's group)") says nothing about the mode
            aside |= raw.startsWith("(");
            if (aside) {
                aside = !raw.endsWith(")");
                continue;
            }
            if (!words.free(i)) {
                continue;
            }
            String word = words.word(i);
            if (word.equals("all") && Set.of("rights", "permissions", "perms", "access").contains(words.word(i + 1))) {
                perms.addAll(List.of('r', 'w', 'x'));
                used.add(i);
                continue;
            }
            String[] parts = word.split("/");
            boolean allWho = parts.length > 1 && Arrays.stream(parts).allMatch(WHO::containsKey);
            boolean allPerms = parts.length > 1 && Arrays.stream(parts).allMatch(PERMS::containsKey);
            if ((WHO.containsKey(word) || allWho) && !perms.isEmpty() && !who.isEmpty()) {
                // a new who after permissions starts the next clause ("user to rwx, group to r")
                String clause = clause(who, op, perms, copy);
                if (clause != null) {
                    clauses.add(clause);
                }
                who.clear();
                perms.clear();
                copy = 0;
            }
            if (WHO.containsKey(word) && copyPhrase(words, i)) {
                copy = WHO.get(word).charAt(0);
                used.add(i);
                continue;
            }
            if (WHO.containsKey(word) || allWho) {
                for (String part : allWho ? parts : new String[] {word}) {
                    String w = WHO.get(part);
                    if (w.equals("a")) {
                        who.addAll(List.of('u', 'g', 'o'));
                    } else {
                        who.add(w.charAt(0));
                    }
                }
                used.add(i);
            } else if (PERMS.containsKey(word) || allPerms) {
                for (String part : allPerms ? parts : new String[] {word}) {
                    perms.add(PERMS.get(part).charAt(0));
                }
                used.add(i);
                if (word.equals("executable") && op == 0) {
                    op = '+';
                }
            } else if (ADD.contains(word)) {
                op = op == '=' ? op : '+';
            } else if (REMOVE.contains(word)) {
                op = '-';
            } else if (SET.contains(word) || word.equals("to") && op == 0 && i > 0
                    && (WHO.containsKey(words.word(i - 1)) || words.word(i - 1).contains("/"))) {
                op = '=';
            }
        }
        String last = clause(who, op, perms, copy);
        if (last != null) {
            clauses.add(last);
        }
        if (clauses.isEmpty()) {
            return null;
        }
        used.forEach(i -> words.take(i, 1));
        return String.join(",", clauses);
    }

    private static String clause(Set<Character> who, char op, Set<Character> perms, char copy) {
        if (copy != 0) {
            return whoText(who) + "=" + copy;
        }
        if (perms.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder(whoText(who)).append(op == 0 ? '+' : op);
        for (char c : new char[] {'r', 'w', 'x'}) {
            if (perms.contains(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static String whoText(Set<Character> who) {
        if (who.containsAll(List.of('u', 'g', 'o'))) {
            return "a";
        }
        StringBuilder text = new StringBuilder();
        for (char c : new char[] {'u', 'g', 'o'}) {
            if (who.contains(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }

    /** "the same rights as the group": the class after "as" is copied. */
    private static boolean copyPhrase(Words words, int i) {
        for (int k = Math.max(0, i - 3); k < i; k++) {
            if (words.word(k).equals("as") && (words.word(k - 1).equals("rights")
                    || words.word(k - 1).equals("permissions") || words.word(k - 2).equals("same"))) {
                return true;
            }
        }
        return false;
    }
}
