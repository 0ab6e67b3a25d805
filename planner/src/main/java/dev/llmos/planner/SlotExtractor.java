package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.catalog.CatalogEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * fills an action's params from a request using only the params schema (types, enums, bounds, which
 * params are paths) and the general {@link Lexicon}: no per-action logic, so a new action's params are
 * found without a planner change. pure: the same request, entry and context give the same slots.
 */
public final class SlotExtractor {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** a made-up word: a pattern that accepts it accepts about any word. */
    private static final String ANY_WORD = "qzxvj";
    /** what unit and package names look like: no slashes, no spaces. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9@._+:-]*");

    private SlotExtractor() {
    }

    /** the params {@code text} gives for {@code entry}; what a required param lacks is listed, never guessed. */
    public static Slots extract(CatalogEntry entry, String text, PlanContext context) {
        Words words = new Words(RequestText.tokens(text));
        ObjectNode schema = entry.schema();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(property -> properties.put(property.getKey(), property.getValue()));
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();

        if (!entry.pathParams().isEmpty()) {
            fillPaths(entry, properties, PathSlots.find(words, context), values, problems);
        }
        Set<String> requiredParams = new HashSet<>();
        schema.path("required").forEach(name -> requiredParams.add(name.asText()));
        fillSince(properties, words, values);
        fillNumbers(properties, requiredParams, NumberSlots.find(words), words, values);
        properties.forEach((param, property) -> {
            if (!values.containsKey(param) && property.has("enum")) {
                enumValue(words, property).ifPresent(value -> values.put(param, NODES.textNode(value)));
            } else if (!values.containsKey(param) && "boolean".equals(property.path("type").asText())) {
                flag(words, param).ifPresent(value -> values.put(param, NODES.booleanNode(value)));
            } else if (!values.containsKey(param) && property.has("pattern")) {
                patternSynonym(words, property).ifPresent(value -> values.put(param, NODES.textNode(value)));
            }
        });
        fillStrings(entry, properties, requiredParams, words, values);

        ObjectNode params = NODES.objectNode();
        properties.keySet().stream().filter(values::containsKey).forEach(param -> params.set(param, values.get(param)));
        List<Slots.Missing> missing = new ArrayList<>();
        for (JsonNode required : schema.path("required")) {
            String param = required.asText();
            if (!values.containsKey(param)) {
                missing.add(new Slots.Missing(param, problems.getOrDefault(param, hint(entry, param, properties.get(param)))));
            }
        }
        return new Slots(params, missing);
    }

    private static void fillPaths(CatalogEntry entry, Map<String, JsonNode> properties, List<PathSlots.Mention> mentions,
            Map<String, JsonNode> values, Map<String, String> problems) {
        Iterator<PathSlots.Mention> next = mentions.iterator();
        for (String param : entry.pathParams()) {
            if ("array".equals(properties.get(param).path("type").asText())) {
                var paths = NODES.arrayNode();
                next.forEachRemaining(mention -> {
                    if (mention.path() != null) {
                        paths.add(mention.path());
                    }
                });
                if (!paths.isEmpty()) {
                    values.put(param, paths);
                }
            } else if (next.hasNext()) {
                PathSlots.Mention mention = next.next();
                if (mention.path() != null) {
                    values.put(param, NODES.textNode(mention.path()));
                } else {
                    problems.put(param, mention.problem());
                }
            }
        }
    }

    /**
     * gives each number to the integer param it most likely fills: a cue word just before it (the
     * param's own name words or the lexicon's cues), a byte unit for a {@code *_bytes} param, and
     * otherwise the count param. a tie is left unfilled rather than guessed.
     */
    private static void fillNumbers(Map<String, JsonNode> properties, Set<String> required,
            List<NumberSlots.Mention> mentions, Words words, Map<String, JsonNode> values) {
        Set<String> open = new LinkedHashSet<>();
        properties.forEach((param, property) -> {
            if ("integer".equals(property.path("type").asText()) && !values.containsKey(param)) {
                open.add(param);
            }
        });
        List<NumberSlots.Mention> unclaimed = new ArrayList<>();
        mentions = new ArrayList<>(mentions);
        // two numbers side by side are a coordinate pair ("at 200,300", "to 100 200") before any cue counts
        if (open.containsAll(Lexicon.COORDINATES)) {
            for (int i = 0; i + 1 < mentions.size(); i++) {
                NumberSlots.Mention first = mentions.get(i);
                NumberSlots.Mention second = mentions.get(i + 1);
                if (!first.bytes() && !second.bytes() && second.index() - first.index() <= 1) {
                    put(values, Lexicon.COORDINATES.get(0), first.value(), properties.get(Lexicon.COORDINATES.get(0)));
                    put(values, Lexicon.COORDINATES.get(1), second.value(), properties.get(Lexicon.COORDINATES.get(1)));
                    open.removeAll(Lexicon.COORDINATES);
                    mentions.remove(i + 1);
                    mentions.remove(i);
                    break;
                }
            }
        }
        for (NumberSlots.Mention mention : mentions) {
            String best = null;
            int bestScore = 0;
            boolean tie = false;
            for (String param : open) {
                int score = numberScore(param, mention, words);
                if (score > bestScore) {
                    best = param;
                    bestScore = score;
                    tie = false;
                } else if (score == bestScore && score > 0) {
                    tie = true;
                }
            }
            if (best != null && !tie) {
                open.remove(best);
                put(values, best, mention.value(), properties.get(best));
            } else if (!mention.bytes()) {
                unclaimed.add(mention);
            }
        }
        // a lone number no cue claimed fills the one integer param the action requires ("kill process 1234")
        List<String> requiredOpen = open.stream().filter(required::contains).toList();
        if (unclaimed.size() == 1 && requiredOpen.size() == 1) {
            put(values, requiredOpen.getFirst(), unclaimed.getFirst().value(), properties.get(requiredOpen.getFirst()));
        }
    }

    private static void put(Map<String, JsonNode> values, String param, long raw, JsonNode property) {
        long value = clamp(raw, property);
        values.put(param, value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value));
    }

    /**
     * a relative time phrase for a {@link Lexicon#SINCE_PARAMS} param, in systemd.time(7)'s words:
     * "(in the) last|past [n] hour(s)" is {@code n hours ago}, "today" and "yesterday" are themselves.
     */
    private static void fillSince(Map<String, JsonNode> properties, Words words, Map<String, JsonNode> values) {
        String param = properties.keySet().stream().filter(Lexicon.SINCE_PARAMS::contains).findFirst().orElse(null);
        if (param == null || !"string".equals(properties.get(param).path("type").asText())) {
            return;
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.word(i);
            if (!words.free(i)) {
                continue;
            }
            if (word.equals("today") || word.equals("yesterday")) {
                words.take(i, 1);
                values.put(param, NODES.textNode(word));
                return;
            }
            if ((word.equals("last") || word.equals("past")) && i + 1 < words.size() && words.free(i + 1)) {
                int at = i + 1;
                long count = 1;
                Integer spelled = Lexicon.NUMBER_WORDS.get(words.word(at));
                if (words.word(at).matches("\\d{1,4}")) {
                    count = Long.parseLong(words.word(at));
                    at++;
                } else if (spelled != null) {
                    count = spelled;
                    at++;
                }
                String unit = at < words.size() && words.free(at) ? Lexicon.TIME_UNITS.get(words.word(at)) : null;
                if (unit != null) {
                    words.take(i, at - i + 1);
                    values.put(param, NODES.textNode(count + " " + unit + " ago"));
                    return;
                }
            }
        }
    }

    /**
     * a value of a pattern-checked string param named by one of its {@link Lexicon#PATTERN_VALUE_SYNONYMS};
     * only for a pattern that says something (one that takes any word, like a search term's, is skipped).
     */
    private static Optional<String> patternSynonym(Words words, JsonNode property) {
        Pattern pattern = Pattern.compile(property.get("pattern").asText());
        if (pattern.matcher(ANY_WORD).matches()) {
            return Optional.empty();
        }
        for (var synonyms : Lexicon.PATTERN_VALUE_SYNONYMS.entrySet()) {
            if (pattern.matcher(synonyms.getKey()).matches() && takeAny(words, synonyms.getValue()) >= 0) {
                return Optional.of(synonyms.getKey());
            }
        }
        return Optional.empty();
    }

    private static int numberScore(String param, NumberSlots.Mention mention, Words words) {
        Set<String> cues = new HashSet<>(List.of(param.split("_")));
        cues.addAll(Lexicon.NUMBER_CUES.getOrDefault(param, Set.of()));
        int score = 0;
        for (int distance = 1; distance <= 3; distance++) {
            if (cues.contains(words.word(mention.index() - distance))) {
                score = 4 - distance;
                break;
            }
        }
        boolean sizeParam = param.endsWith("bytes");
        if (mention.bytes()) {
            score += sizeParam ? 2 : -1;
        } else if (param.equals(Lexicon.COUNT)) {
            score += 1;
        }
        return score;
    }

    private static long clamp(long value, JsonNode property) {
        long clamped = value;
        if (property.has("minimum")) {
            clamped = Math.max(clamped, property.get("minimum").asLong());
        }
        if (property.has("maximum")) {
            clamped = Math.min(clamped, property.get("maximum").asLong());
        }
        return clamped;
    }

    /** the one enum value the request names (by value or synonym); "all" yields to a specific value. */
    private static Optional<String> enumValue(Words words, JsonNode property) {
        Set<String> named = new LinkedHashSet<>();
        for (JsonNode option : property.get("enum")) {
            String value = option.asText();
            List<List<String>> phrases = new ArrayList<>();
            phrases.add(List.of(value.toLowerCase(Locale.ROOT)));
            phrases.addAll(Lexicon.VALUE_SYNONYMS.getOrDefault(value, List.of()));
            if (takeAny(words, phrases) >= 0) {
                named.add(value);
            }
        }
        if (named.size() > 1) {
            named.removeAll(Lexicon.UNRESTRICTED);
        }
        return named.size() == 1 ? java.util.Optional.of(named.iterator().next()) : java.util.Optional.empty();
    }

    /** true when the request names the flag, false when it names it negated ("without hidden files"). */
    private static Optional<Boolean> flag(Words words, String param) {
        List<List<String>> phrases = new ArrayList<>();
        phrases.add(List.of(param.split("_")));
        phrases.addAll(Lexicon.FLAG_SYNONYMS.getOrDefault(param, List.of()));
        int at = takeAny(words, phrases);
        if (at < 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(!words.precededBy(Lexicon.NEGATIONS, at, 2));
    }

    /** takes every occurrence of the phrases; the index of the first, or -1 when there is none. */
    private static int takeAny(Words words, List<List<String>> phrases) {
        int first = -1;
        for (int i = 0; i < words.size(); i++) {
            for (List<String> phrase : phrases) {
                if (words.matches(phrase, i)) {
                    words.take(i, phrase.size());
                    first = first < 0 ? i : first;
                }
            }
        }
        return first;
    }

    /**
     * free-text string params: a quoted string fills the first of them; a param named like
     * {@link Lexicon#NAME_PARAMS} otherwise takes the first word that is not a common word nor a word
     * (or a typo of a word) of the action's name and description. a unit without a type is a service.
     */
    private static void fillStrings(CatalogEntry entry, Map<String, JsonNode> properties, Set<String> required,
            Words words, Map<String, JsonNode> values) {
        List<String> quoted = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (!words.taken(i) && words.token(i).quoted()) {
                words.take(i, 1);
                quoted.add(words.token(i).text());
            }
        }
        Iterator<String> nextQuoted = quoted.iterator();
        Set<String> vocabulary = vocabulary(entry);
        // required params first: an optional param must not take the word a required one needs
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        properties.forEach((param, property) -> {
            if (required.contains(param)) {
                ordered.put(param, property);
            }
        });
        ordered.putAll(properties);
        ordered.forEach((param, property) -> {
            boolean freeText = "string".equals(property.path("type").asText()) && !property.has("enum")
                    && !entry.pathParams().contains(param) && !values.containsKey(param);
            if (!freeText) {
                return;
            }
            String value = nextQuoted.hasNext() ? nextQuoted.next()
                    : Lexicon.NAME_PARAMS.contains(param) ? bareName(words, vocabulary)
                    : Lexicon.TEXT_PARAMS.contains(param) ? restText(words, vocabulary)
                    : property.has("pattern") ? patterned(words, vocabulary, property.get("pattern").asText()) : null;
            if (value != null) {
                values.put(param, NODES.textNode(param.equals("unit") ? unit(value) : value));
            }
        });
    }

    /**
     * the request's remaining words as typed, without the words at either end that only say what to do
     * ("type hello world" is {@code hello world}; "copy hi there to the clipboard" is {@code hi there}).
     */
    private static String restText(Words words, Set<String> vocabulary) {
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (!words.taken(i) && !words.token(i).quoted()) {
                free.add(i);
            }
        }
        int from = 0;
        int to = free.size();
        while (from < to && filler(words.word(free.get(from)), vocabulary)) {
            from++;
        }
        while (to > from && filler(words.word(free.get(to - 1)), vocabulary)) {
            to--;
        }
        if (from == to) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int k = from; k < to; k++) {
            int i = free.get(k);
            words.take(i, 1);
            text.append(text.isEmpty() ? "" : " ").append(words.token(i).text());
        }
        return text.toString();
    }

    private static boolean filler(String word, Set<String> vocabulary) {
        return Lexicon.NOT_NAMES.contains(word) || Lexicon.VERBS.contains(word) || nearAny(word, vocabulary);
    }

    /**
     * the first remaining word, as typed, that the param's pattern accepts and that is not a plain
     * lowercase word (a pattern loose enough to take any word would otherwise take the wrong one):
     * {@code Europe/Paris}, {@code UTC}, {@code ctrl+alt+t}.
     */
    private static String patterned(Words words, Set<String> vocabulary, String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (int i = 0; i < words.size(); i++) {
            String text = words.token(i).text();
            if (!words.taken(i) && !words.token(i).quoted() && !filler(words.word(i), vocabulary)
                    && !text.matches("[a-z]+") && pattern.matcher(text).matches()) {
                words.take(i, 1);
                return text;
            }
        }
        return null;
    }

    /** the first untaken word that can be a name (a file-like {@code cron.timer} can), as typed. */
    private static String bareName(Words words, Set<String> vocabulary) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.word(i);
            if (!words.taken(i) && !words.token(i).quoted() && !Lexicon.NOT_NAMES.contains(word)
                    && !nearAny(word, vocabulary) && NAME.matcher(word).matches()) {
                words.take(i, 1);
                return words.token(i).text();
            }
        }
        return null;
    }

    private static String unit(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && Lexicon.UNIT_TYPES.contains(name.substring(dot + 1)) ? name : name + ".service";
    }

    /** the words of an action's name and description: they say what to do, not to what. */
    private static Set<String> vocabulary(CatalogEntry entry) {
        Set<String> words = new HashSet<>();
        String text = entry.name().replace('.', ' ').replace('_', ' ') + " " + entry.action().description();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /** true when {@code word} is in {@code vocabulary} or one typo away from a word of five letters or more. */
    private static boolean nearAny(String word, Set<String> vocabulary) {
        if (vocabulary.contains(word)) {
            return true;
        }
        for (String known : vocabulary) {
            if (known.length() >= 5 && Math.abs(known.length() - word.length()) <= 1 && Typos.distance(word, known) <= 1) {
                return true;
            }
        }
        return false;
    }

    private static String hint(CatalogEntry entry, String param, JsonNode property) {
        if (entry.pathParams().contains(param)) {
            return "name the " + param + " in the request, e.g. /var/log, ~/notes.txt or \"my downloads\"";
        }
        String description = property == null ? "" : property.path("description").asText("");
        return "say the " + param + " in the request" + (description.isEmpty() ? "" : " (" + description + ")");
    }
}
