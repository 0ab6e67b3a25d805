package dev.llmos.planner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * finds the filesystem paths a request names, in the order it names them: typed paths (absolute,
 * {@code ~}, relative, quoted) and the words people use for well-known places ("my downloads",
 * "home", "here").
 */
final class PathSlots {
    /**
     * one path named by the request.
     *
     * @param path the absolute path, or null when it cannot be resolved
     * @param problem why it cannot be resolved, or null
     */
    record Mention(String path, String problem) {
        static Mention of(Path path) {
            return new Mention(path.toString(), null);
        }

        static Mention unresolved(String problem) {
            return new Mention(null, problem);
        }
    }

    private PathSlots() {
    }

    /** the paths in {@code words}, taking their tokens. */
    static List<Mention> find(Words words, PlanContext context) {
        List<Mention> mentions = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (words.taken(i)) {
                continue;
            }
            Token token = words.token(i);
            if (token.path()) {
                words.take(i, 1);
                mentions.add(typed(token.text(), context));
                continue;
            }
            Mention named = named(words, i, context);
            if (named != null) {
                mentions.add(named);
            }
        }
        return mentions;
    }

    /** a path as typed: absolute, under {@code ~}, or relative to the working directory. */
    private static Mention typed(String text, PlanContext context) {
        if (text.startsWith("/")) {
            return Mention.of(clean(text));
        }
        if (text.equals("~") || text.startsWith("~/")) {
            return context.home() == null
                    ? Mention.unresolved("your home directory is unknown; give an absolute path instead of " + text)
                    : Mention.of(clean(context.home() + text.substring(1)));
        }
        if (text.startsWith("~")) {
            return Mention.unresolved("give the absolute path instead of " + text);
        }
        return context.cwd() == null
                ? Mention.unresolved("the current directory is unknown; give the absolute path of " + text)
                : Mention.of(clean(context.cwd().resolve(text).normalize().toString()));
    }

    /** a place named in words at {@code index}, taking its words; null when none starts there. */
    private static Mention named(Words words, int index, PlanContext context) {
        for (List<String> phrase : Lexicon.CWD) {
            if (words.matches(phrase, index)) {
                words.take(index, phrase.size());
                return context.cwd() == null
                        ? Mention.unresolved("the current directory is unknown; give an absolute path")
                        : Mention.of(context.cwd());
            }
        }
        String word = words.word(index);
        String userDir = Lexicon.USER_DIRS.get(word);
        if (!words.free(index) || userDir == null && !Lexicon.HOME.contains(word)) {
            return null;
        }
        boolean folderWord = index + 1 < words.size() && words.free(index + 1)
                && Lexicon.FOLDER_WORDS.contains(words.word(index + 1));
        words.take(index, folderWord ? 2 : 1);
        if (context.home() == null) {
            return Mention.unresolved("your home directory is unknown; give an absolute path");
        }
        return Mention.of(userDir == null ? context.home() : context.home().resolve(userDir));
    }

    /** drops a trailing slash and trailing glob components ({@code /var/log/*} is {@code /var/log}). */
    private static Path clean(String path) {
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
