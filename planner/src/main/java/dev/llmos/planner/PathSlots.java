package dev.llmos.planner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * finds the filesystem paths a request names, in the order it names them: typed paths (absolute,
 * {@code ~}, {@code ~user}, relative to the caller's working directory), quoted names, bare names after a
 * word for a file or folder ("directory tata", "the build folder", "a file called notes"), and the words
 * people use for well-known places ("my downloads", "home", "here"). a file or folder mentioned without a
 * name ("a file", "the specified directory") is noted, so the param is asked for rather than guessed.
 */
final class PathSlots {
    /** words for a file or a folder, after or before which a bare name is a path. */
    static final Set<String> PLACE_NOUNS = Set.of("file", "directory", "folder", "dir", "subdirectory", "subfolder");
    /** words that, before a file or folder word, say it is not named ("a file", "the specified directory"). */
    private static final Set<String> GENERIC = Set.of("a", "an", "some", "specific", "specified", "given", "certain",
            "particular", "another", "multiple", "several", "any", "new", "other", "existing", "target", "output",
            "input", "local", "nested", "single", "empty", "destination", "source", "remote", "actual", "real",
            "original", "same", "whole", "entire", "corresponding", "underlying", "linked", "selected", "respective");
    private static final Set<String> GENERIC_NOUNS = Set.of("file", "files", "directory", "directories", "folder",
            "folders", "dir", "dirs", "path", "paths", "location", "subdirectories", "place", "filename");
    private static final Set<String> NAMING = Set.of("called", "named");

    /**
     * one path named by the request.
     *
     * @param path the absolute path, or null when it cannot be resolved
     * @param problem why it cannot be resolved, or null
     * @param typed the path as typed (a trailing slash kept), or the words that named it
     * @param index where in the request it starts
     */
    record Mention(String path, String problem, String typed, int index) {
        static Mention of(Path path, String typed, int index) {
            return new Mention(path.toString(), null, typed, index);
        }

        static Mention unresolved(String problem, String typed, int index) {
            return new Mention(null, problem, typed, index);
        }
    }

    /**
     * the paths found.
     *
     * @param mentions the paths, in request order
     * @param generic the request mentions a file or folder without naming it
     */
    record Found(List<Mention> mentions, boolean generic) {
    }

    private PathSlots() {
    }

    /**
     * the paths in {@code words}, taking their tokens. {@code quotedNames} lets quoted strings without a
     * slash name paths too; {@code vocabulary} holds the words that say what to do, which are never names.
     */
    static Found find(Words words, PlanContext context, boolean quotedNames, Set<String> vocabulary) {
        List<Mention> mentions = new ArrayList<>();
        boolean generic = false;
        for (int i = 0; i < words.size(); i++) {
            if (words.taken(i)) {
                continue;
            }
            Token token = words.token(i);
            if (token.path() || quotedNames && token.quoted() && !token.text().isBlank()) {
                words.take(i, 1);
                mentions.add(typed(token.text(), context, i));
                continue;
            }
            if (GENERIC_NOUNS.contains(token.word()) && GENERIC.contains(words.word(i - 1))
                    && !NAMING.contains(words.word(i + 1))) {
                generic = true;
                continue;
            }
            Mention named = named(words, i, context);
            if (named == null) {
                named = bare(words, i, context, vocabulary);
            }
            if (named != null) {
                mentions.add(named);
            }
        }
        return new Found(mentions, generic && mentions.isEmpty());
    }

    /**
     * the two bare names of a request that is only "verb a to b" ("copy filename1 to filename2", "move notes to
     * archive"), relative to the working directory, taking their tokens; null when the request is anything else
     * or a name is a word that says what to do.
     */
    static List<Mention> pair(Words words, PlanContext context, Set<String> vocabulary) {
        if (words.size() != 4 || !Set.of("to", "into", "as").contains(words.word(2))) {
            return null;
        }
        for (int i : new int[] {1, 3}) {
            if (!words.free(i) || !name(words.token(i), vocabulary)) {
                return null;
            }
        }
        words.take(1, 1);
        words.take(3, 1);
        return List.of(typed(words.token(1).text(), context, 1), typed(words.token(3).text(), context, 3));
    }

    /** a path as typed: absolute, under {@code ~} or {@code ~user}, or relative to the working directory. */
    static Mention typed(String text, PlanContext context, int index) {
        if (text.startsWith("/")) {
            return Mention.of(clean(text), text, index);
        }
        if (text.equals("~") || text.startsWith("~/")) {
            return context.home() == null
                    ? Mention.unresolved("your home directory is unknown; give an absolute path instead of " + text, text,
                            index)
                    : Mention.of(clean(context.home() + text.substring(1)), text, index);
        }
        if (text.startsWith("~")) {
            int slash = text.indexOf('/');
            String user = slash < 0 ? text.substring(1) : text.substring(1, slash);
            return context.machine().home(user)
                    .map(home -> Mention.of(clean(home + (slash < 0 ? "" : text.substring(slash))), text, index))
                    .orElse(Mention.unresolved("there is no user " + user + " on this machine; give the absolute path "
                            + "instead of " + text, text, index));
        }
        return context.cwd() == null
                ? Mention.unresolved("the current directory is unknown; give the absolute path of " + text, text, index)
                : Mention.of(clean(context.cwd().resolve(text).normalize().toString()), text, index);
    }

    /** a place named in words at {@code index}, taking its words; null when none starts there. */
    private static Mention named(Words words, int index, PlanContext context) {
        for (List<String> phrase : Lexicon.CWD) {
            if (words.matches(phrase, index)) {
                words.take(index, phrase.size());
                return context.cwd() == null
                        ? Mention.unresolved("the current directory is unknown; give an absolute path", "here", index)
                        : Mention.of(context.cwd(), "here", index);
            }
        }
        String word = words.word(index);
        String userDir = Lexicon.USER_DIRS.get(word);
        if (!words.free(index) || userDir == null && !Lexicon.HOME.contains(word)) {
            return null;
        }
        boolean folderWord = index + 1 < words.size() && words.free(index + 1)
                && Lexicon.FOLDER_WORDS.contains(words.word(index + 1));
        if (!folderWord && Set.of("entire", "whole", "full").contains(words.word(index - 1))) {
            // "a screenshot of the entire desktop": the screen, not the desktop folder
            return null;
        }
        words.take(index, folderWord ? 2 : 1);
        if (context.home() == null) {
            return Mention.unresolved("your home directory is unknown; give an absolute path", word, index);
        }
        return Mention.of(userDir == null ? context.home() : context.home().resolve(userDir), "~/" + word, index);
    }

    /**
     * a bare name next to a word for a file or folder: after it ("directory tata", "a folder called
     * reports") or before it ("the build folder"), relative to the working directory.
     */
    private static Mention bare(Words words, int index, PlanContext context, Set<String> vocabulary) {
        if (!words.free(index) || !PLACE_NOUNS.contains(words.word(index))) {
            return null;
        }
        int after = index + 1 + (NAMING.contains(words.word(index + 1)) ? 1 : 0);
        if (after < words.size() && words.free(after) && name(words.token(after), vocabulary)) {
            words.take(index, after - index + 1);
            return typed(words.token(after).text(), context, after);
        }
        int before = index - 1;
        if (before >= 1 && words.free(before) && name(words.token(before), vocabulary)
                && Set.of("the", "my", "our", "this", "that", "your").contains(words.word(before - 1))) {
            words.take(before, 2);
            return typed(words.token(before).text(), context, before);
        }
        return null;
    }

    /** a word that can be a file name: not a common word, not a word that says what to do. */
    private static boolean name(Token token, Set<String> vocabulary) {
        String word = token.word();
        return word.matches("[a-z0-9_][a-z0-9._-]*") && !Lexicon.NOT_NAMES.contains(word) && !vocabulary.contains(word)
                && !PLACE_NOUNS.contains(word) && !GENERIC.contains(word) && !GENERIC_NOUNS.contains(word)
                && !Lexicon.FOLDER_WORDS.contains(word) && !Lexicon.PATH_STOP_WORDS.contains(word);
    }

    /** drops a trailing slash and trailing glob components ({@code /var/log/*} is {@code /var/log}). */
    static Path clean(String path) {
        String cleaned = path;
        while (cleaned.length() > 1) {
            int slash = cleaned.lastIndexOf('/');
            String last = cleaned.substring(slash + 1);
            if (last.isEmpty() || last.indexOf('*') >= 0 || last.indexOf('?') >= 0 || last.indexOf('[') >= 0) {
                cleaned = slash == 0 ? "/" : cleaned.substring(0, slash);
            } else {
                break;
            }
        }
        return Path.of(cleaned);
    }
}
