package dev.llmos.actions.proc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * the environment variables a request may set for its program: locale, time zone, terminal and
 * output shaping, nothing that names code or a program. variables such as {@code LD_PRELOAD},
 * {@code PATH}, {@code PYTHONPATH}, {@code EDITOR} or {@code PAGER} would let a request run other
 * code than the program policy decided on, so they are refused. every value is bounded by a
 * pattern too: a locale name with a slash, for instance, would make the c library load locale
 * data from an arbitrary file.
 */
final class EnvAllowlist {
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z0-9_.@-]{0,64}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_.@:-]{0,128}");
    private static final Pattern ZONE = Pattern.compile("(?!.*\\.\\.)[A-Za-z0-9_+:/.,<>-]{0,64}");
    private static final Pattern TERMINAL = Pattern.compile("[A-Za-z0-9_.+-]{1,64}");
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,5}");
    private static final Pattern FLAG = Pattern.compile("[A-Za-z0-9_.-]{0,16}");
    private static final Pattern ENCODING = Pattern.compile("[A-Za-z0-9_:-]{1,32}");

    /** every variable allowed, with the pattern its value must match. */
    static final Map<String, Pattern> ALLOWED = allowed();

    /** the most variables one request may set. */
    static final int MAX_VARIABLES = 32;

    private EnvAllowlist() {
    }

    /**
     * the variables of a json object, which must map names to strings.
     *
     * @throws IllegalArgumentException for another value type or too many variables
     */
    static Map<String, String> strings(ObjectNode env) {
        if (env.size() > MAX_VARIABLES) {
            throw new IllegalArgumentException("env: at most " + MAX_VARIABLES + " variables");
        }
        Map<String, String> strings = new TreeMap<>();
        for (Map.Entry<String, JsonNode> variable : env.properties()) {
            if (!variable.getValue().isTextual()) {
                throw new IllegalArgumentException("env: the value of " + printable(variable.getKey())
                        + " must be a string");
            }
            strings.put(variable.getKey(), variable.getValue().textValue());
        }
        return strings;
    }

    private static Map<String, Pattern> allowed() {
        Map<String, Pattern> allowed = new TreeMap<>();
        allowed.put("LANG", LOCALE);
        for (String category : new String[] {"ALL", "CTYPE", "NUMERIC", "TIME", "COLLATE", "MONETARY", "MESSAGES",
            "PAPER", "NAME", "ADDRESS", "TELEPHONE", "MEASUREMENT", "IDENTIFICATION"}) {
            allowed.put("LC_" + category, LOCALE);
        }
        allowed.put("LANGUAGE", LANGUAGE);
        allowed.put("TZ", ZONE);
        allowed.put("TERM", TERMINAL);
        allowed.put("COLORTERM", TERMINAL);
        allowed.put("NO_COLOR", FLAG);
        allowed.put("CLICOLOR", FLAG);
        allowed.put("CLICOLOR_FORCE", FLAG);
        allowed.put("FORCE_COLOR", FLAG);
        allowed.put("COLUMNS", NUMBER);
        allowed.put("LINES", NUMBER);
        allowed.put("PYTHONUNBUFFERED", FLAG);
        allowed.put("PYTHONDONTWRITEBYTECODE", FLAG);
        allowed.put("PYTHONIOENCODING", ENCODING);
        allowed.put("PYTHONHASHSEED", NUMBER);
        return Map.copyOf(allowed);
    }

    /**
     * refuses {@code env} unless every variable is allowed and its value well formed.
     *
     * @throws IllegalArgumentException naming the first offending variable and what is allowed
     */
    static void check(Map<String, String> env) {
        for (Map.Entry<String, String> variable : new TreeMap<>(env).entrySet()) {
            String name = variable.getKey();
            Pattern pattern = ALLOWED.get(name);
            if (pattern == null) {
                throw new IllegalArgumentException("env: " + printable(name) + " may not be set; only locale, time "
                        + "zone, terminal and output settings are allowed: " + String.join(", ", new TreeMap<>(ALLOWED)
                                .keySet()));
            }
            String value = variable.getValue();
            if (value == null || !pattern.matcher(value).matches()) {
                throw new IllegalArgumentException("env: the value of " + name + " is not allowed (it must match "
                        + pattern.pattern() + ")");
            }
        }
    }

    private static String printable(String name) {
        String cut = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
