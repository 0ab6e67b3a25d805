package dev.llmos.actions.packages;

import dev.llmos.action.ActionException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** the grammar of what params name: debian package names, versions and search words. */
final class Names {
    /**
     * a debian package name (policy 5.6.1): lowercase letters, digits, {@code +}, {@code -} and
     * {@code .}, at least two characters, starting with a letter or digit, so never an option.
     * no architecture qualifier.
     */
    static final String PACKAGE = "^[a-z0-9][a-z0-9+.-]+$";
    /**
     * a debian version (policy 5.6.12): an optional numeric epoch with a colon, the upstream part
     * and an optional revision after a hyphen; starts with a letter or digit.
     */
    static final String VERSION = "^[A-Za-z0-9][A-Za-z0-9.+~:-]*$";
    /** search words: letters, digits, spaces and {@code . _ + -}, starting with a letter or digit. */
    static final String QUERY = "^[A-Za-z0-9][A-Za-z0-9 ._+-]*$";

    private static final Pattern PACKAGE_PATTERN = Pattern.compile(PACKAGE);
    private static final Pattern VERSION_PATTERN = Pattern.compile(VERSION);
    /** the most words a search takes; apt ands them all. */
    static final int MAX_WORDS = 8;

    private Names() {
    }

    /** checks a package name again (params arrive validated; an inverse's params too). */
    static String requirePackage(String name) throws ActionException {
        if (name == null || name.length() > 128 || !PACKAGE_PATTERN.matcher(name).matches()) {
            throw new ActionException("not a debian package name: " + name);
        }
        return name;
    }

    static String requireVersion(String version) throws ActionException {
        if (version != null && (version.length() > 128 || !VERSION_PATTERN.matcher(version).matches())) {
            throw new ActionException("not a debian version: " + version);
        }
        return version;
    }

    /**
     * the words of a search query as literal posix regular expressions (apt-cache search treats
     * each word as one, case-insensitively): {@code .} and {@code +} are escaped.
     */
    static List<String> searchTerms(String query) throws ActionException {
        List<String> terms = new ArrayList<>();
        for (String word : query.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (word.startsWith("-")) {
                throw new ActionException("a search word must not start with '-': " + word);
            }
            terms.add(word.replace(".", "\\.").replace("+", "\\+"));
        }
        if (terms.isEmpty()) {
            throw new ActionException("the search query has no words");
        }
        if (terms.size() > MAX_WORDS) {
            throw new ActionException("the search query has more than " + MAX_WORDS + " words");
        }
        return terms;
    }
}
