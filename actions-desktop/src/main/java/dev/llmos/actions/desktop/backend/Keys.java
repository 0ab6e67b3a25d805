package dev.llmos.actions.desktop.backend;

import dev.llmos.action.ActionException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * parses key combinations as people and planners write them ({@code ctrl+alt+t},
 * {@code Return}, {@code ctrl+shift+=}, {@code alt+F4 enter}) into x keysym names, checked
 * against the keysym table before anything is pressed: a typo fails the whole request, so no
 * part of it runs.
 */
public final class Keys {
    /** the most combinations one request presses. */
    public static final int MAX_COMBOS = 16;
    /** the most keys held together in one combination. */
    public static final int MAX_KEYS_PER_COMBO = 8;

    private static final Set<String> KEYSYMS = load();
    private static final Map<String, String> LOWERCASE = lowercaseIndex();
    private static final Map<String, String> ALIASES = aliases();
    private static final Map<Character, String> PUNCTUATION = punctuation();

    private Keys() {
    }

    /**
     * one combination: keys held down together, in order, then released.
     *
     * @param keys keysym names (modifiers as {@code ctrl}, {@code alt}, {@code shift}, {@code super}, {@code meta})
     */
    public record Combo(List<String> keys) {
        public Combo {
            keys = List.copyOf(keys);
        }

        @Override
        public String toString() {
            return String.join("+", keys);
        }
    }

    /** the combinations in {@code text}, separated by spaces; an unknown key name is an error naming it. */
    public static List<Combo> parse(String text) throws ActionException {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new ActionException("no keys given: name a key or a combination such as ctrl+c or Return");
        }
        String[] parts = trimmed.split("\\s+");
        if (parts.length > MAX_COMBOS) {
            throw new ActionException("too many key combinations: " + parts.length + " (at most " + MAX_COMBOS + ")");
        }
        List<Combo> combos = new ArrayList<>(parts.length);
        for (String part : parts) {
            combos.add(combo(part));
        }
        return combos;
    }

    private static Combo combo(String part) throws ActionException {
        List<String> raw = new ArrayList<>();
        if (part.equals("+")) {
            raw.add("+");
        } else {
            String body = part;
            boolean plusKey = part.endsWith("++");
            if (plusKey) {
                body = part.substring(0, part.length() - 2);
            }
            for (String token : body.split("\\+", -1)) {
                if (token.isEmpty()) {
                    throw new ActionException("empty key name in '" + part + "': join keys with + as in ctrl+alt+t");
                }
                raw.add(token);
            }
            if (plusKey) {
                raw.add("+");
            }
        }
        if (raw.size() > MAX_KEYS_PER_COMBO) {
            throw new ActionException("too many keys in '" + part + "': at most " + MAX_KEYS_PER_COMBO);
        }
        List<String> keys = new ArrayList<>(raw.size());
        for (String token : raw) {
            keys.add(keysym(token, part));
        }
        return new Combo(keys);
    }

    /** the keysym name for one key as written, or an error that suggests the closest names. */
    static String keysym(String token, String combo) throws ActionException {
        if (token.length() == 1) {
            char c = token.charAt(0);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                return token;
            }
            String name = PUNCTUATION.get(c);
            if (name != null) {
                return name;
            }
            throw new ActionException("unknown key '" + token + "' in '" + combo + "'");
        }
        String alias = ALIASES.get(token.toLowerCase(Locale.ROOT));
        if (alias != null) {
            return alias;
        }
        if (KEYSYMS.contains(token)) {
            return token;
        }
        String folded = LOWERCASE.get(token.toLowerCase(Locale.ROOT));
        if (folded != null) {
            return folded;
        }
        List<String> near = suggestions(token);
        throw new ActionException("unknown key '" + token + "' in '" + combo + "'"
                + (near.isEmpty() ? "" : " (did you mean " + String.join(" or ", near) + "?)")
                + "; keys are x keysym names such as Return, Escape, Tab, F5, a, or modifiers ctrl, alt, shift, super");
    }

    private static List<String> suggestions(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        Set<String> found = new LinkedHashSet<>();
        for (int limit = 1; limit <= 2 && found.isEmpty(); limit++) {
            for (String candidate : ALIASES.keySet()) {
                if (distance(lower, candidate, limit) <= limit) {
                    found.add(ALIASES.get(candidate));
                }
            }
            for (String name : KEYSYMS) {
                if (distance(lower, name.toLowerCase(Locale.ROOT), limit) <= limit) {
                    found.add(name);
                }
            }
        }
        return found.stream().limit(3).toList();
    }

    /** levenshtein distance, or {@code limit + 1} as soon as it is known to exceed {@code limit}. */
    private static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int best = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                best = Math.min(best, current[j]);
            }
            if (best > limit) {
                return limit + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Set<String> load() {
        Set<String> names = new LinkedHashSet<>();
        try (InputStream in = Keys.class.getResourceAsStream("keysyms.txt")) {
            if (in == null) {
                throw new IllegalStateException("keysyms.txt is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(names);
    }

    /** lowercase name to keysym, for names that are unique when case is ignored. */
    private static Map<String, String> lowercaseIndex() {
        Map<String, String> index = new HashMap<>();
        Set<String> ambiguous = new LinkedHashSet<>();
        for (String name : KEYSYMS) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (index.putIfAbsent(lower, name) != null) {
                ambiguous.add(lower);
            }
        }
        ambiguous.forEach(index::remove);
        return Map.copyOf(index);
    }

    private static Map<String, String> aliases() {
        Map<String, String> map = new HashMap<>();
        for (String ctrl : List.of("ctrl", "control", "ctl", "strg")) {
            map.put(ctrl, "ctrl");
        }
        for (String alt : List.of("alt", "option", "opt")) {
            map.put(alt, "alt");
        }
        map.put("shift", "shift");
        for (String superKey : List.of("super", "win", "windows", "cmd", "command", "logo")) {
            map.put(superKey, "super");
        }
        map.put("meta", "meta");
        map.put("altgr", "ISO_Level3_Shift");
        for (String enter : List.of("enter", "return", "ret")) {
            map.put(enter, "Return");
        }
        map.put("esc", "Escape");
        map.put("escape", "Escape");
        map.put("tab", "Tab");
        map.put("space", "space");
        map.put("spacebar", "space");
        map.put("backspace", "BackSpace");
        map.put("bksp", "BackSpace");
        map.put("del", "Delete");
        map.put("delete", "Delete");
        map.put("ins", "Insert");
        map.put("insert", "Insert");
        map.put("home", "Home");
        map.put("end", "End");
        for (String up : List.of("pgup", "pageup", "page_up", "prior")) {
            map.put(up, "Prior");
        }
        for (String down : List.of("pgdn", "pgdown", "pagedown", "page_down", "next")) {
            map.put(down, "Next");
        }
        for (String arrow : List.of("up", "down", "left", "right")) {
            String name = Character.toUpperCase(arrow.charAt(0)) + arrow.substring(1);
            map.put(arrow, name);
            map.put("arrow" + arrow, name);
            map.put(arrow + "arrow", name);
        }
        map.put("capslock", "Caps_Lock");
        map.put("numlock", "Num_Lock");
        map.put("scrolllock", "Scroll_Lock");
        map.put("printscreen", "Print");
        map.put("prtsc", "Print");
        map.put("print", "Print");
        map.put("menu", "Menu");
        map.put("pause", "Pause");
        map.put("plus", "plus");
        map.put("minus", "minus");
        map.put("volumeup", "XF86AudioRaiseVolume");
        map.put("volumedown", "XF86AudioLowerVolume");
        map.put("mute", "XF86AudioMute");
        for (int i = 1; i <= 35; i++) {
            map.put("f" + i, "F" + i);
        }
        return Map.copyOf(map);
    }

    private static Map<Character, String> punctuation() {
        Map<Character, String> map = new HashMap<>();
        String[][] pairs = {
            {"+", "plus"}, {"-", "minus"}, {"=", "equal"}, {"_", "underscore"}, {".", "period"}, {",", "comma"},
            {";", "semicolon"}, {":", "colon"}, {"/", "slash"}, {"\\", "backslash"}, {"'", "apostrophe"},
            {"\"", "quotedbl"}, {"`", "grave"}, {"~", "asciitilde"}, {"!", "exclam"}, {"@", "at"},
            {"#", "numbersign"}, {"$", "dollar"}, {"%", "percent"}, {"^", "asciicircum"}, {"&", "ampersand"},
            {"*", "asterisk"}, {"(", "parenleft"}, {")", "parenright"}, {"[", "bracketleft"},
            {"]", "bracketright"}, {"{", "braceleft"}, {"}", "braceright"}, {"<", "less"}, {">", "greater"},
            {"?", "question"}, {"|", "bar"},
        };
        for (String[] pair : pairs) {
            map.put(pair[0].charAt(0), pair[1]);
        }
        return Map.copyOf(map);
    }
}
