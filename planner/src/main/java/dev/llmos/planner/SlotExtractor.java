package dev.llmos.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.action.PathParam;
import dev.llmos.action.Risk;
import dev.llmos.catalog.CatalogEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * fills an action's params from a request using only the params schema (types, enums, bounds, which
 * params are paths, param names shared across actions) and the general {@link Lexicon}: no per-action
 * logic, so a new action's params are found without a planner change. names of units, packages and users
 * are grounded in the machine ({@link Machine}); a name it does not know is asked for, never invented.
 * pure but for those lookups: the same request, entry and context give the same slots.
 */
final class SlotExtractor {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** a made-up word: a pattern that accepts it accepts about any word. */
    private static final String ANY_WORD = "qzxvj";
    /** what unit and package names look like: no slashes, no spaces. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9@._+:-]*");
    private static final String SOURCE = "source";
    private static final String DESTINATION = "destination";
    private static final String RECURSIVE = "recursive";
    private static final Set<String> RENAMING = Set.of("rename", "renamed", "renaming", "renmae", "rname");
    private static final String MODE = "mode";
    private static final String KEYS = "keys";
    private static final String SCROLL_X = "dx";
    private static final String SCROLL_Y = "dy";
    /** the param and sign of each way to scroll. */
    private static final Map<String, Map.Entry<String, Integer>> SCROLL_DIRECTIONS = Map.of(
            "down", Map.entry(SCROLL_Y, 1), "up", Map.entry(SCROLL_Y, -1), "right", Map.entry(SCROLL_X, 1),
            "left", Map.entry(SCROLL_X, -1), "downwards", Map.entry(SCROLL_Y, 1), "upwards", Map.entry(SCROLL_Y, -1));
    /** wheel steps of a scroll that names no count, as a mouse wheel's three lines a notch make a screenful. */
    private static final long SCROLL_STEPS = 3;
    /** the most steps a count near a direction is read as (a larger number is something else). */
    private static final long MAX_SCROLL_STEPS = 100;
    /** words for a count of times. */
    private static final Map<String, Long> TIMES = Map.of("once", 1L, "twice", 2L, "thrice", 3L);
    /** verbs right before a key's name that make it a key ("press enter", "hit escape"). */
    private static final Set<String> PRESSING = Set.of("press", "hit", "tap", "push", "pressing", "hitting", "send");
    /** words for connections between two ends, which a listener is not. */
    private static final Set<String> CONNECTION_WORDS = Set.of("connection", "connections", "connected", "established",
            "connecting");
    /** words for the side of the internet, where the public address of a network is seen. */
    private static final Set<String> OUTSIDE_WORDS = Set.of("public", "external", "wan", "internet", "outside",
            "outgoing");
    /** words for an ip address. */
    private static final Set<String> ADDRESS_WORDS = Set.of("ip", "ipv4", "ipv6", "address", "addresses", "ips");
    /** words for packages. */
    private static final Set<String> PACKAGE_WORDS = Set.of("package", "packages", "rpm", "rpms", "deb", "debs");
    /** words before packages that make them source packages, what a package is built from. */
    private static final Set<String> SOURCE_WORDS = Set.of("source", "sources");
    /** words for files, whose owner may follow ("files in packages"). */
    private static final Set<String> FILE_WORDS = Set.of("file", "files");
    /** words between files and their owner. */
    private static final Set<String> OWNER_WORDS = Set.of("in", "of", "inside", "within", "owned");
    /** words for sockets of every kind, listening or connected. */
    private static final Set<String> SOCKET_WORDS = Set.of("socket", "sockets");
    /** words for what waits for connections. */
    private static final Set<String> LISTENING_WORDS = Set.of("listen", "listens", "listening", "listener", "listeners",
            "open", "bound", "bind", "accept", "accepts", "accepting", "port", "ports");
    /** nouns right after a key's name that make it a key ("the a key", "the delete button"). */
    private static final Set<String> KEY_NOUNS = Set.of("key", "keys", "button");
    /** plural words for the entries of a folder. */
    private static final Set<String> ENTRY_WORDS = Set.of("files", "folders", "directories", "dirs", "subdirectories",
            "subdirs", "subfolders");
    private static final Set<String> INTO = Set.of("into", "inside", "in", "under");
    /** words before "date" or "time" that make it some date rather than now ("a given date", "the expiry date"). */
    private static final Set<String> SOME_DATE = Set.of("a", "specific", "given", "another", "arbitrary", "other",
            "any", "past", "future", "certain", "expiration", "expiry", "expiring", "creation", "modification",
            "access", "birth", "release", "build", "boot", "due", "install", "installation", "login", "start", "end");
    /** words that ask how big something is, as du answers. */
    private static final Set<String> SIZE_WORDS = Set.of("size", "sizes", "cumulative", "biggest", "largest");
    /** words that ask about whole filesystems, as df answers. */
    private static final Set<String> FILESYSTEM_WORDS = Set.of("filesystem", "filesystems", "disk", "disks", "drive",
            "drives", "partition", "partitions", "mounted", "mounts", "space", "free", "device", "devices", "storage");

    private SlotExtractor() {
    }

    /** the params {@code text} (normalized) gives for {@code entry}, read as a whole request. */
    public static Slots extract(CatalogEntry entry, String text, PlanContext context) {
        return extract(entry, Reading.of(text, Set.of()), context);
    }

    /** the params the reading gives for {@code entry}; what a required param lacks is listed, never guessed. */
    static Slots extract(CatalogEntry entry, Reading reading, PlanContext context) {
        Words words = new Words(RequestText.tokens(reading.text()));
        ObjectNode schema = entry.schema();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(property -> properties.put(property.getKey(), property.getValue()));
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        Set<String> ask = new LinkedHashSet<>();
        Set<String> requiredParams = new HashSet<>();
        schema.path("required").forEach(name -> requiredParams.add(name.asText()));
        Set<String> vocabulary = vocabulary(entry);

        fillSpecial(properties, words, values, context);
        List<String> pathParams = entry.pathParams().stream().filter(param -> !values.containsKey(param)).toList();
        if (!pathParams.isEmpty()) {
            boolean quotedNames = properties.keySet().stream().noneMatch(Lexicon.TEXT_PARAMS::contains)
                    && !properties.containsKey("content");
            // a remark names no path ("(default: 10 lines)"), though its words may still say an enum or a flag
            List<Integer> remarks = takeRemarks(words);
            fillPaths(entry, pathParams, words, context, quotedNames, vocabulary, values, problems, ask);
            remarks.forEach(words::release);
        }
        fillSince(properties, words, values);
        List<JsonNode> repeatedValues = new ArrayList<>();
        String repeated = fillNumbers(properties, requiredParams, NumberSlots.find(words), words, values, repeatedValues);
        properties.forEach((param, property) -> {
            if (!values.containsKey(param) && property.has("enum") && !param.equals("signal")) {
                enumValue(words, property).ifPresent(value -> values.put(param, NODES.textNode(value)));
            } else if (!values.containsKey(param) && "boolean".equals(property.path("type").asText())) {
                flag(words, param).ifPresent(value -> values.put(param, NODES.booleanNode(value)));
            } else if (!values.containsKey(param) && param.equals("state") && property.has("pattern")) {
                word(words, Lexicon.UNIT_STATES).ifPresent(value -> values.put(param, NODES.textNode(value)));
            } else if (!values.containsKey(param) && property.has("pattern")) {
                patternSynonym(words, property).ifPresent(value -> values.put(param, NODES.textNode(value)));
            }
        });
        fillStrings(entry, properties, requiredParams, words, context, values, problems, ask);
        String elsewhere = notNow(properties, words, context.machine());
        if (properties.containsKey(SCROLL_X) && properties.containsKey(SCROLL_Y) && !values.containsKey(SCROLL_X)
                && !values.containsKey(SCROLL_Y)) {
            // "scroll to the end": no way given, and a scroll of nothing does nothing
            ask.add(SCROLL_Y);
        }
        for (String param : properties.keySet()) {
            if (!values.containsKey(param) && genericKind(entry, param, properties.get(param)) != null
                    && mentionsGenerically(words, genericKind(entry, param, properties.get(param)))) {
                ask.add(param);
            }
        }
        if (reading.itself() && properties.containsKey(RECURSIVE) && "boolean".equals(properties.get(RECURSIVE).path("type").asText())) {
            values.put(RECURSIVE, NODES.booleanNode(true));
        }
        String declined = elsewhere != null ? elsewhere : scope(entry, reading, properties, values);
        if (declined == null) {
            declined = otherTool(entry, words);
        }
        if (declined == null) {
            declined = notItsObject(entry, properties, words);
        }
        if (declined == null) {
            declined = connections(entry, words);
        }
        if (declined == null) {
            declined = publicAddress(entry, words);
        }

        ObjectNode params = NODES.objectNode();
        properties.keySet().stream().filter(values::containsKey).forEach(param -> params.set(param, values.get(param)));
        List<Slots.Missing> missing = new ArrayList<>();
        for (String param : properties.keySet()) {
            if (!values.containsKey(param) && (requiredParams.contains(param) || ask.contains(param))) {
                missing.add(new Slots.Missing(param, problems.getOrDefault(param, hint(entry, param, properties.get(param)))));
            }
        }
        return new Slots(params, missing, repeated, repeatedValues, declined);
    }

    /** params whose values have their own words: a signal, a permission mode, a program with arguments, a button. */
    private static void fillSpecial(Map<String, JsonNode> properties, Words words, Map<String, JsonNode> values,
            PlanContext context) {
        JsonNode argv = properties.get("argv");
        if (argv != null && "array".equals(argv.path("type").asText())) {
            List<String> command = ProgramWords.command(wordsTokens(words), context.machine());
            if (command != null) {
                var array = NODES.arrayNode();
                command.forEach(array::add);
                values.put("argv", array);
                words.take(0, words.size());
                return;
            }
        }
        JsonNode signal = properties.get("signal");
        if (signal != null && signal.has("enum")) {
            String found = SignalWords.find(words);
            if (found != null) {
                values.put("signal", NODES.textNode(found));
            }
        }
        JsonNode mode = properties.get("mode");
        if (mode != null && mode.has("pattern") && Pattern.compile(mode.get("pattern").asText()).matcher("u+x").matches()) {
            String found = ModeWords.find(words);
            if (found != null) {
                values.put("mode", NODES.textNode(found));
            }
        }
        JsonNode button = properties.get("button");
        if (button != null && "integer".equals(button.path("type").asText())) {
            for (int i = 0; i < words.size(); i++) {
                Integer number = Lexicon.BUTTONS.get(words.word(i).replace("-", ""));
                if (words.free(i) && number != null) {
                    words.take(i, 1);
                    values.put("button", NODES.numberNode(number));
                    break;
                }
            }
        }
        if (properties.containsKey(SCROLL_X) && properties.containsKey(SCROLL_Y)) {
            scroll(words, values);
        }
        JsonNode boot = properties.get("boot");
        if (boot != null && "integer".equals(boot.path("type").asText())) {
            for (Map.Entry<Integer, List<List<String>>> phrases : Lexicon.BOOT_PHRASES.entrySet()) {
                if (takeAny(words, phrases.getValue()) >= 0) {
                    values.put("boot", NODES.numberNode(phrases.getKey()));
                    break;
                }
            }
        }
    }

    /**
     * wheel steps from a direction and the count near it ("scroll down", "scroll up 5 times", "wheel up
     * twice", "three notches to the left"): down and right are positive; no count is {@link #SCROLL_STEPS}.
     */
    private static void scroll(Words words, Map<String, JsonNode> values) {
        for (int i = 0; i < words.size(); i++) {
            Map.Entry<String, Integer> direction = SCROLL_DIRECTIONS.get(words.word(i));
            if (direction == null || !words.free(i)) {
                continue;
            }
            words.take(i, 1);
            long steps = SCROLL_STEPS;
            for (int k = Math.max(0, i - 3); k < Math.min(words.size(), i + 4); k++) {
                if (words.free(k) && TIMES.containsKey(words.word(k))) {
                    steps = TIMES.get(words.word(k));
                    words.take(k, 1);
                    break;
                }
            }
            for (int k = Math.max(0, i - 1); k < Math.min(words.size(), i + 4); k++) {
                Long count = NumberSlots.plain(words, k);
                // a number after "at" or "to", or beside another, is a place on the screen ("at 500 400")
                boolean place = Set.of("at", "to").contains(words.word(k - 1)) || NumberSlots.plain(words, k - 1) != null
                        || NumberSlots.plain(words, k + 1) != null;
                if (count != null && !place && count > 0 && count <= MAX_SCROLL_STEPS) {
                    steps = count;
                    words.take(k, 1);
                    break;
                }
            }
            values.put(direction.getKey(), NODES.numberNode(steps * direction.getValue()));
            return;
        }
    }

    private static List<Token> wordsTokens(Words words) {
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            tokens.add(words.token(i));
        }
        return tokens;
    }

    /**
     * path params in the order the request names paths. a source and destination pair reads the way people
     * write it: "rename a to b" puts b beside a, "move a into dir" (or to {@code dir/}, or to a folder the
     * machine has) puts a inside dir. a file or folder mentioned without a name is asked for; a read of a
     * directory named by nothing at all reads the working directory, as ls does.
     */
    private static void fillPaths(CatalogEntry entry, List<String> pathParams, Words words, PlanContext context,
            boolean quotedNames, Set<String> vocabulary, Map<String, JsonNode> values, Map<String, String> problems,
            Set<String> ask) {
        PathSlots.Found found = PathSlots.find(words, context, quotedNames, vocabulary);
        List<PathSlots.Mention> mentions = found.mentions();
        if (pathParams.equals(List.of(SOURCE, DESTINATION)) && mentions.isEmpty()) {
            List<PathSlots.Mention> pair = PathSlots.pair(words, context, vocabulary);
            mentions = pair == null ? mentions : pair;
        }
        if (pathParams.equals(List.of(SOURCE, DESTINATION)) && mentions.size() >= 2 && mentions.get(0).path() != null
                && mentions.get(1).path() != null) {
            values.put(SOURCE, NODES.textNode(mentions.get(0).path()));
            values.put(DESTINATION, NODES.textNode(destination(mentions.get(0), mentions.get(1), words, context)));
            return;
        }
        Iterator<PathSlots.Mention> next = mentions.iterator();
        for (String param : pathParams) {
            JsonNode property = entry.schema().path("properties").path(param);
            if ("array".equals(property.path("type").asText())) {
                continue;
            }
            if (next.hasNext()) {
                PathSlots.Mention mention = next.next();
                if (mention.path() != null) {
                    values.put(param, NODES.textNode(mention.path()));
                } else {
                    problems.put(param, mention.problem());
                }
            } else if (found.generic()) {
                ask.add(param);
            } else if (entry.action().risk() == Risk.READ && required(entry, param)
                    && property.path("description").asText().contains("directory")
                    && context.cwd() != null && !problems.containsKey(param)) {
                values.put(param, NODES.textNode(context.cwd().toString()));
            } else if (entry.action().risk() == Risk.READ && !required(entry, param)
                    && entry.pathRoles().get(param) == PathParam.Role.TARGET
                    && context.cwd() != null && !problems.containsKey(param)
                    && (speaksOfEntries(words) || speaksOfSize(words))) {
                // "sort directories by size": an optional path of a read, about files or folders named by
                // nothing, is the working directory's, as du's is
                values.put(param, NODES.textNode(context.cwd().toString()));
            }
        }
    }

    private static boolean required(CatalogEntry entry, String param) {
        return entry.schema().path("required").toString().contains("\"" + param + "\"");
    }

    /** true when the request speaks of files or folders in the plural ("directories/files", "folders"). */
    private static boolean speaksOfEntries(Words words) {
        for (int i = 0; i < words.size(); i++) {
            for (String part : words.word(i).split("/")) {
                if (ENTRY_WORDS.contains(part)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * true when the request asks how big things are ("show cumulative size") without naming filesystems or
     * free space: du's question, about the working directory when it names no path.
     */
    private static boolean speaksOfSize(Words words) {
        boolean size = false;
        for (int i = 0; i < words.size(); i++) {
            if (FILESYSTEM_WORDS.contains(words.word(i))) {
                return false;
            }
            size |= SIZE_WORDS.contains(words.word(i));
        }
        return size;
    }

    /** where "move/copy/rename a to b" puts a: b itself, b beside a (a rename to a bare name), or inside b. */
    private static String destination(PathSlots.Mention source, PathSlots.Mention target, Words words,
            PlanContext context) {
        Path from = Path.of(source.path());
        Path to = Path.of(target.path());
        boolean rename = false;
        for (int i = 0; i < words.size(); i++) {
            rename |= RENAMING.contains(words.word(i)) || words.word(i).equals("name") && words.word(i - 1).equals("new");
        }
        boolean bare = !target.typed().contains("/") && !target.typed().startsWith("~");
        if (rename && bare && from.getParent() != null) {
            return from.resolveSibling(target.typed()).toString();
        }
        int at = target.index();
        boolean into = target.typed().endsWith("/") && target.typed().length() > 1
                || INTO.contains(words.word(at - 1)) || INTO.contains(words.word(at - 2)) && words.word(at - 1).equals("the")
                || Lexicon.FOLDER_WORDS.contains(words.word(at - 1)) || Lexicon.FOLDER_WORDS.contains(words.word(at + 1))
                || !rename && context.machine().isDirectory(to);
        return into && from.getFileName() != null ? to.resolve(from.getFileName()).toString() : to.toString();
    }

    /**
     * gives each number to the integer param it most likely fills: a cue word just before it (the param's
     * own name words or the lexicon's cues), a byte unit for a {@code *_bytes} param, and otherwise the
     * count param. a tie is left unfilled rather than guessed; a number right after a word for something
     * else ("port 8080", "line 3") fills nothing uncued. several uncued numbers for the action's one
     * required integer make one step each (several pids); the param is returned, or null.
     */
    private static String fillNumbers(Map<String, JsonNode> properties, Set<String> required,
            List<NumberSlots.Mention> mentions, Words words, Map<String, JsonNode> values, List<JsonNode> repeated) {
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
                if (!first.measured() && !second.measured() && second.index() - first.index() <= 1) {
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
            } else if (!mention.measured() && !Lexicon.FOREIGN_NUMBER_NOUNS.contains(words.word(mention.index() - 1))
                    && !Lexicon.FOREIGN_NUMBER_NOUNS.contains(words.word(mention.index() + 1))) {
                unclaimed.add(mention);
            }
        }
        defaultLines(properties, open, words, values);
        zeroMeansAll(properties, open, words, values);
        // a lone number no cue claimed fills the one integer param the action requires ("kill process 1234")
        List<String> requiredOpen = open.stream().filter(required::contains).toList();
        if (!unclaimed.isEmpty() && requiredOpen.size() == 1) {
            String param = requiredOpen.getFirst();
            put(values, param, unclaimed.getFirst().value(), properties.get(param));
            if (unclaimed.size() > 1) {
                unclaimed.forEach(mention -> repeated.add(number(mention.value())));
                return param;
            }
        }
        return null;
    }

    /** "the last lines", "tail": a {@code last_lines} (or {@code first_lines}) param without a number means 10. */
    private static void defaultLines(Map<String, JsonNode> properties, Set<String> open, Words words,
            Map<String, JsonNode> values) {
        for (Map.Entry<String, List<String>> cue : Lexicon.LINE_WORDS.entrySet()) {
            String param = cue.getKey();
            if (!open.contains(param) || !properties.containsKey(param)) {
                continue;
            }
            for (int i = 0; i < words.size(); i++) {
                String word = words.word(i);
                boolean lines = cue.getValue().contains(word) && (words.word(i + 1).startsWith("line")
                        || words.word(i + 2).startsWith("line") || words.word(i + 1).equals("part"));
                if (lines || word.equals(cue.getValue().getFirst())) {
                    values.put(param, NODES.numberNode(Lexicon.DEFAULT_LINES));
                    open.remove(param);
                    return;
                }
            }
        }
    }

    /**
     * an integer param whose description says 0 means everything ("0 frees everything") is 0 when the
     * request says "everything" or "all".
     */
    private static void zeroMeansAll(Map<String, JsonNode> properties, Set<String> open, Words words,
            Map<String, JsonNode> values) {
        for (String param : List.copyOf(open)) {
            String description = properties.get(param).path("description").asText("");
            if (!description.matches(".*\\b0 (means |frees |is |for |keeps )?(all|everything)\\b.*")) {
                continue;
            }
            for (int i = 0; i < words.size(); i++) {
                if (words.free(i) && (words.word(i).equals("everything") || words.word(i).equals("all"))) {
                    values.put(param, NODES.numberNode(0));
                    open.remove(param);
                    return;
                }
            }
        }
    }

    private static void put(Map<String, JsonNode> values, String param, long raw, JsonNode property) {
        // a count is brought within its bounds ("the top 5000"); an identifier is taken as said, to be refused
        values.put(param, number(property.has("default") ? clamp(raw, property) : raw));
    }

    /** a number as the strict codec reads one: an int when it fits. */
    private static JsonNode number(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
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

    /** the first free word of {@code choices}, taken. */
    private static Optional<String> word(Words words, Set<String> choices) {
        for (int i = 0; i < words.size(); i++) {
            if (words.free(i) && choices.contains(words.word(i))) {
                words.take(i, 1);
                return Optional.of(words.word(i));
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
        boolean durationParam = param.endsWith("_ms");
        if (mention.bytes() && !sizeParam || mention.unit() == NumberSlots.Unit.MILLIS && !durationParam) {
            // "the first 4 kb", "a 500ms delay": a size fills only a size, a duration only a duration
            return 0;
        }
        if (mention.measured()) {
            score += 2;
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

    /** the one enum value the request names (by value, plural or synonym); "all" yields to a specific value. */
    private static Optional<String> enumValue(Words words, JsonNode property) {
        Set<String> named = new LinkedHashSet<>();
        Map<Integer, String> at = new HashMap<>();
        for (JsonNode option : property.get("enum")) {
            String value = option.asText();
            List<List<String>> phrases = new ArrayList<>();
            phrases.add(List.of(value.toLowerCase(Locale.ROOT)));
            phrases.add(List.of(value.toLowerCase(Locale.ROOT) + "s"));
            phrases.addAll(Lexicon.VALUE_SYNONYMS.getOrDefault(value, List.of()));
            int first = takeAny(words, phrases);
            if (first >= 0) {
                named.add(value);
                at.put(first, value);
            }
        }
        if (named.size() > 1) {
            named.removeAll(Lexicon.UNRESTRICTED);
        }
        if (named.size() == 2) {
            // one value right before the other qualifies it ("the primary clipboard" is the primary selection)
            for (Map.Entry<Integer, String> value : at.entrySet()) {
                if (at.containsKey(value.getKey() + 1) && named.contains(value.getValue())) {
                    return Optional.of(value.getValue());
                }
            }
        }
        return named.size() == 1 ? Optional.of(named.iterator().next()) : Optional.empty();
    }

    /** true when the request names the flag, false when it names it negated ("without hidden files"). */
    private static Optional<Boolean> flag(Words words, String param) {
        List<List<String>> phrases = new ArrayList<>();
        phrases.add(List.of(param.split("_")));
        phrases.addAll(Lexicon.FLAG_SYNONYMS.getOrDefault(param, List.of()));
        int at = takeAny(words, phrases);
        if (at < 0) {
            return Optional.empty();
        }
        return Optional.of(!words.precededBy(Lexicon.NEGATIONS, at, 2));
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
     * (or a typo of a word) of the action's name and description and that the machine knows (a unit, a
     * package, a user, as the param's description says). a unit without a type is a service.
     */
    private static void fillStrings(CatalogEntry entry, Map<String, JsonNode> properties, Set<String> required,
            Words words, PlanContext context, Map<String, JsonNode> values, Map<String, String> problems,
            Set<String> ask) {
        takeRemarks(words);
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
            Function<String, Optional<String>> ground = grounding(param, property, context.machine());
            String value;
            if (nextQuoted.hasNext()) {
                String text = nextQuoted.next();
                value = ground == null ? text : ground.apply(text).orElse(null);
                if (value == null) {
                    problems.put(param, unknown(param, text));
                }
            } else if (param.equals("zone") || param.equals("timezone")) {
                value = zone(words, context.machine());
            } else if (Lexicon.NAME_PARAMS.contains(param) || ground != null) {
                value = bareName(words, vocabulary, ground, param, problems);
            } else if (Lexicon.TEXT_PARAMS.contains(param) || param.equals("content")) {
                value = clearing(words) ? "" : param.equals("content") ? content(words) : restText(words, vocabulary);
                if (value == null && param.equals("content") && newEmptyFile(words)) {
                    // "create an empty file", "make a file called todo.txt": a new file with nothing in it, never
                    // an existing one emptied
                    value = "";
                    if (!values.containsKey(MODE) && modeOffers(properties, "create")) {
                        values.put(MODE, NODES.textNode("create"));
                    }
                }
                if (value != null && !value.isEmpty() && names(value)) {
                    // "type a message", "copy the ssh key": the words name a thing to find, not the text itself
                    value = null;
                    ask.add(param);
                }
            } else if (param.equals(KEYS) && property.has("pattern")) {
                value = keys(words, property.get("pattern").asText());
            } else if (property.has("pattern")) {
                value = patterned(words, vocabulary, property.get("pattern").asText());
            } else {
                value = null;
            }
            if (value != null) {
                values.put(param, NODES.textNode(value));
            }
            if ("".equals(value) && param.equals("content") && !values.containsKey(MODE) && modeOffers(properties, "overwrite")) {
                // "clear the contents of notes.txt": the file is there, and emptied
                values.put(MODE, NODES.textNode("overwrite"));
            }
        });
    }

    /** takes the words of the request's remarks ({@link RequestText#remarks}); the indices taken. */
    private static List<Integer> takeRemarks(Words words) {
        List<Integer> took = new ArrayList<>();
        boolean[] remark = RequestText.remarks(wordsTokens(words));
        for (int k = 0; k < remark.length; k++) {
            if (remark[k] && !words.taken(k)) {
                words.take(k, 1);
                took.add(k);
            }
        }
        return took;
    }

    /**
     * how the machine grounds a param's value, by what the param names: a unit, a package, a user, a time
     * zone; null for a param the machine cannot check (a new hostname, a search term).
     */
    private static Function<String, Optional<String>> grounding(String param, JsonNode property, Machine machine) {
        String description = property.path("description").asText("").toLowerCase(Locale.ROOT);
        if (param.equals("unit")) {
            return word -> unit(word, machine);
        }
        if (param.equals("name") && description.contains("package")) {
            return word -> machine.packageInstalled(word) || machine.packageAvailable(word).orElse(false)
                    ? Optional.of(word) : Optional.empty();
        }
        if (param.equals("name") && description.contains("user")) {
            return word -> machine.home(word).map(home -> word);
        }
        if (param.equals("zone") || param.equals("timezone")) {
            return machine::zone;
        }
        return null;
    }

    /** the first free word, as typed, that is a zone of the machine's tz database, in its canonical case. */
    private static String zone(Words words, Machine machine) {
        for (int i = 0; i < words.size(); i++) {
            if (words.free(i)) {
                Optional<String> zone = machine.zone(words.token(i).text());
                if (zone.isPresent()) {
                    words.take(i, 1);
                    return zone.get();
                }
            }
        }
        return null;
    }

    /** the unit the machine has by this name: exactly, as a service, or the one unit with that base name. */
    private static Optional<String> unit(String word, Machine machine) {
        List<String> units = machine.units();
        int dot = word.lastIndexOf('.');
        if (dot > 0 && Lexicon.UNIT_TYPES.contains(word.substring(dot + 1))) {
            return units.contains(word) ? Optional.of(word) : Optional.empty();
        }
        if (units.contains(word + ".service")) {
            return Optional.of(word + ".service");
        }
        int at = word.indexOf('@');
        if (at > 0 && units.contains(word.substring(0, at + 1) + ".service")) {
            // an instance of a template unit the machine has (getty@tty1 of getty@.service)
            return Optional.of(word + ".service");
        }
        List<String> based = units.stream().filter(unit -> unit.substring(0, unit.lastIndexOf('.')).equals(word)).toList();
        return based.size() == 1 ? Optional.of(based.getFirst()) : Optional.empty();
    }

    private static String unknown(String param, String word) {
        return switch (param) {
            case "unit" -> "there is no unit " + word + " on this machine; name one that llmsh do service.list shows";
            case "zone", "timezone" -> word + " is not a time zone of the tz database, like Europe/Paris or UTC";
            default -> "there is no " + param + " " + word + " on this machine";
        };
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
        // the request's own verb is never the text, nor a verb of the action's in another form ("simulate
        // typing text")
        if (from < to && words.word(free.get(from)).equals(Verbs.verb(wordsTokens(words)))) {
            from++;
        }
        while (from < to && (filler(words.word(free.get(from)), vocabulary) || gerund(words.word(free.get(from)), vocabulary)
                || Lexicon.TEXT_LEAD.contains(words.word(free.get(from))))) {
            from++;
        }
        while (to > from && (filler(words.word(free.get(to - 1)), vocabulary)
                || gerund(words.word(free.get(to - 1)), vocabulary))) {
            to--;
        }
        if (from == to || free.get(to - 1) - free.get(from) != to - 1 - from
                || free.subList(from, to).stream().anyMatch(i -> words.word(i).equals("then"))) {
            // nothing left, words scattered around the ones that say what to do ("copy multiple texts to the
            // clipboard separated by new lines") or steps in turn ("copy for one paste and then clear it"): a
            // description of the text, not the text
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

    /** true when unquoted text names a thing rather than being the text ("a message", "the ssh key"). */
    private static boolean names(String text) {
        for (String word : text.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (Lexicon.OBJECT_NOUNS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /**
     * why an action that tells the time now (it has a {@code zone} param) cannot answer the request, or null:
     * it asks about another day ("tomorrow", "in 5 days") or a place that is not a zone of the tz database
     * ("the time in new york", "britain's time zone").
     */
    private static String notNow(Map<String, JsonNode> properties, Words words, Machine machine) {
        if (!properties.containsKey("zone")) {
            return null;
        }
        for (int i = 0; i < words.size(); i++) {
            String word = words.word(i);
            if (Lexicon.OTHER_DAYS.contains(word) || word.equals("from") && words.word(i + 1).equals("now")) {
                return "this asks about another day than today; only the time now can be shown";
            }
            if ((word.equals("date") || word.equals("time")) && SOME_DATE.contains(words.word(i - 1))
                    || word.equals("relative") && words.word(i + 1).equals("to")) {
                // "display a specific date", "a date relative to the current date": not the time now
                return "this asks about another date than now; only the time now can be shown";
            }
            boolean place = (word.equals("in") || word.equals("for") || word.equals("at")) && words.free(i + 1)
                    || word.equals("on") && words.free(i + 1) && coast(words, i + 1)
                    || word.endsWith("'s") && (words.word(i + 1).startsWith("time") || words.word(i + 2).startsWith("time"));
            if (place) {
                int at = word.endsWith("'s") ? i : i + 1;
                while (at < words.size() && Set.of("the", "a").contains(words.word(at))) {
                    at++;
                }
                String name = word.endsWith("'s") ? word.substring(0, word.length() - 2) : words.word(at);
                if (!word.endsWith("'s") && Lexicon.NOT_NAMES.contains(name) && placeWord(words.word(at + 1))) {
                    // a place of two words whose first is a common one ("new york", "new delhi")
                    name = name + "_" + words.word(at + 1);
                }
                boolean purpose = word.equals("for") && name.endsWith("ing");   // "a format for affixing to names"
                if (!name.isEmpty() && !purpose && !Lexicon.NOT_NAMES.contains(name) && !Lexicon.TIME_WORDS.contains(name)
                        && name.chars().allMatch(c -> Character.isLetter(c) || c == '_') && machine.zone(name).isEmpty()) {
                    return name + " is not a time zone of the tz database (like Europe/Paris or UTC); say the zone";
                }
            }
        }
        return null;
    }

    /** true when a coast is named within three words of {@code i} ("on the west coast of the us"). */
    private static boolean coast(Words words, int i) {
        for (int k = i; k < i + 3; k++) {
            if (words.word(k).equals("coast")) {
                return true;
            }
        }
        return false;
    }

    /** true when {@code word} can be the second word of a place's name: letters, not a common or time word. */
    private static boolean placeWord(String word) {
        return !word.isEmpty() && word.chars().allMatch(Character::isLetter) && !Lexicon.NOT_NAMES.contains(word)
                && !Lexicon.TIME_WORDS.contains(word);
    }

    /**
     * a key or combination written between angle brackets, as tldr-pages writes keys ("{@code <Ctrl c>}",
     * "{@code <Alt F4>}", "{@code <Enter>}"): a key wherever it stands, its parts joined by {@code +}; or null.
     */
    private static String bracketedKeys(Words words, Pattern pattern) {
        for (int i = 0; i < words.size(); i++) {
            if (words.taken(i) || words.token(i).quoted() || !words.token(i).raw().startsWith("<")) {
                continue;
            }
            for (int j = i; j < Math.min(words.size(), i + 4); j++) {
                if (!words.token(j).raw().endsWith(">")) {
                    continue;
                }
                List<String> parts = new ArrayList<>();
                for (Token token : words.tokens(i, j + 1)) {
                    for (String part : token.text().replace("<", "").replace(">", "").split("[+\\s]+")) {
                        if (!part.isEmpty()) {
                            parts.add(keyName(part));
                        }
                    }
                }
                String key = String.join("+", parts);
                if (!parts.isEmpty() && pattern.matcher(key).matches()) {
                    words.take(i, j + 1 - i);
                    return key;
                }
                break;
            }
        }
        return null;
    }

    /**
     * one part of a written key combination as a key name: a modifier or a single character in lowercase, a named
     * key's keysym ({@link #namedKey}), anything else as written.
     */
    private static String keyName(String part) {
        String word = part.toLowerCase(Locale.ROOT);
        if (Set.of("ctrl", "control", "alt", "shift", "super", "meta").contains(word)) {
            return word.equals("control") ? "ctrl" : word;
        }
        if (part.length() == 1) {
            return word;
        }
        String named = namedKey(part);
        return named != null ? named : part;
    }

    /**
     * a key as people name it alone: its keysym ("enter" is {@code Return}), an f-key in capitals, a single
     * character as written; null for any other word.
     */
    private static String namedKey(String text) {
        String word = text.toLowerCase(Locale.ROOT);
        return Lexicon.KEY_NAMES.containsKey(word) ? Lexicon.KEY_NAMES.get(word)
                : word.matches("f[1-9][0-9]?") ? text.toUpperCase(Locale.ROOT) : text.length() == 1 ? text : null;
    }

    /** true when the request's verb empties what the text param holds ("clear the clipboard"). */
    private static boolean clearing(Words words) {
        String verb = Verbs.verb(wordsTokens(words));
        return verb != null && Lexicon.CLEARING.contains(verb);
    }

    /** true when the action's {@code mode} param is an enum that offers {@code value}. */
    private static boolean modeOffers(Map<String, JsonNode> properties, String value) {
        for (JsonNode offered : properties.getOrDefault(MODE, NODES.nullNode()).path("enum")) {
            if (offered.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * true when the request makes a new file and gives nothing to put in it: its verb makes one ("create",
     * "make", "touch") or it says the file is empty ("an empty file").
     */
    private static boolean newEmptyFile(Words words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (Set.of("empty", "blank").contains(words.word(i)) && Set.of("file", "files", "document").contains(words.word(i + 1))) {
                return true;
            }
        }
        String verb = Verbs.verb(wordsTokens(words));
        return verb != null && Set.of("create", "make", "touch").contains(verb);
    }

    /**
     * the text to write: the words between the verb and the "to", "into" or "in" before the file ("write hi
     * there to notes.txt"), as typed; else the remaining words.
     */
    private static String content(Words words) {
        int verb = -1;
        for (int i = 0; i < words.size() && verb < 0; i++) {
            if (Lexicon.VERBS.contains(words.word(i)) || words.word(i).equals("append") || words.word(i).equals("echo")) {
                verb = i;
            }
        }
        int end = words.size();
        for (int i = words.size() - 1; i > verb; i--) {
            if (Set.of("to", "into", "in", "onto").contains(words.word(i)) && i + 1 < words.size() && words.taken(i + 1)) {
                end = i;
                break;
            }
        }
        if (verb < 0 || end <= verb + 1) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int i = verb + 1; i < end; i++) {
            if (words.taken(i)) {
                return null;
            }
            text.append(text.isEmpty() ? "" : " ").append(words.token(i).text());
        }
        words.take(verb + 1, end - verb - 1);
        return text.toString();
    }

    /** true when {@code word} is the -ing form of a word of {@code vocabulary} ("typing" of "type"). */
    private static boolean gerund(String word, Set<String> vocabulary) {
        if (!word.endsWith("ing") || word.length() < 6) {
            return false;
        }
        String stem = word.substring(0, word.length() - 3);
        return vocabulary.contains(stem) || vocabulary.contains(stem + "e");
    }

    private static boolean filler(String word, Set<String> vocabulary) {
        return Lexicon.NOT_NAMES.contains(word) || Lexicon.VERBS.contains(word) || nearAny(word, vocabulary);
    }

    /**
     * the first remaining word that is a key or a combination, as typed: one with a {@code +} ("ctrl+alt+t"), or
     * a key's name or one character right after a verb of pressing or before "key" ("press enter", "hit {@code F5}",
     * "the a key"); never another word, which names something else ("send the clipboard's contents").
     */
    private static String keys(Words words, String regex) {
        Pattern pattern = Pattern.compile(regex);
        String bracketed = bracketedKeys(words, pattern);
        if (bracketed != null) {
            return bracketed;
        }
        for (int i = 0; i < words.size(); i++) {
            String text = words.token(i).text();
            String word = words.word(i);
            // a key's name is also a plain word ("at the end", "scroll down", "return the file"): it is a key
            // only right after a verb of pressing or right before "key"
            String named = namedKey(text);
            // "press a modifier": an article before a noun, not the a key
            boolean article = word.equals("a") && !words.word(i + 1).isEmpty() && !KEY_NOUNS.contains(words.word(i + 1));
            String key = text.length() > 1 && text.contains("+") ? text
                    : named != null && !article && (PRESSING.contains(words.word(i - 1))
                    || KEY_NOUNS.contains(words.word(i + 1))) ? named : null;
            if (!words.taken(i) && !words.token(i).quoted() && key != null && pattern.matcher(key).matches()) {
                words.take(i, 1);
                return key;
            }
        }
        return null;
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
                    && !text.matches("[a-z]+") && !text.startsWith("-") && pattern.matcher(text).matches()) {
                words.take(i, 1);
                return text;
            }
        }
        return null;
    }

    /**
     * the first untaken word that can be a name (a file-like {@code cron.timer} can), as typed, and that the
     * machine knows when the param is grounded; the first unknown candidate explains a missing param.
     */
    private static String bareName(Words words, Set<String> vocabulary, Function<String, Optional<String>> ground,
            String param, Map<String, String> problems) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.word(i);
            if (!words.taken(i) && !words.token(i).quoted() && !Lexicon.NOT_NAMES.contains(word)
                    && !nearAny(word, vocabulary) && NAME.matcher(word).matches()
                    && !Lexicon.FOREIGN_THINGS.contains(words.word(i + 1))) {
                String typed = words.token(i).text();
                Optional<String> known = ground == null ? Optional.of(typed) : ground.apply(typed);
                if (known.isPresent()) {
                    words.take(i, 1);
                    return param.equals("unit") && ground == null ? service(known.get()) : known.get();
                }
                problems.putIfAbsent(param, unknown(param, typed));
            }
        }
        return null;
    }

    private static String service(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && Lexicon.UNIT_TYPES.contains(name.substring(dot + 1)) ? name : name + ".service";
    }

    /** the kind of thing a param names, for "a service", "a package" mentions; null when none. */
    private static String genericKind(CatalogEntry entry, String param, JsonNode property) {
        String description = property.path("description").asText("").toLowerCase(Locale.ROOT);
        return switch (param) {
            case "unit" -> "unit";
            case "pid" -> "process";
            case "window" -> "window";
            case "region" -> "region";
            case "zone", "timezone" -> "zone";
            case "name", "query" -> description.contains("package") ? "package"
                    : description.contains("user") ? "user" : null;
            default -> null;
        };
    }

    /** true when the words mention a thing of {@code kind} without naming it ("a service", "a specific user"). */
    private static boolean mentionsGenerically(Words words, String kind) {
        Set<String> nouns = Lexicon.GENERIC_KINDS.get(kind);
        for (int i = 1; i < words.size(); i++) {
            if (nouns.contains(words.word(i)) && (determiner(words.word(i - 1)) || determiner(words.word(i - 2)))) {
                return true;
            }
        }
        return false;
    }

    /** true when {@code word} is a generic determiner, or two of them as alternatives ("specific/individual"). */
    private static boolean determiner(String word) {
        return List.of(word.split("/")).stream().anyMatch(Lexicon.GENERIC_DETERMINERS::contains);
    }

    /**
     * why a request about what is inside a folder cannot be planned with {@code entry}, or null: reading it is
     * fine; changing it is only when the action's own {@code recursive} flag does exactly that (a permission
     * change that keeps folders searchable); removing or moving some or all of a folder's contents is not
     * something one step can do without touching more than asked.
     */
    private static String scope(CatalogEntry entry, Reading reading, Map<String, JsonNode> properties,
            Map<String, JsonNode> values) {
        Risk risk = entry.action().risk();
        if (reading.scope() == Reading.Scope.ITSELF || risk == Risk.READ) {
            return null;
        }
        boolean recursive = properties.containsKey(RECURSIVE) && "boolean".equals(properties.get(RECURSIVE).path("type").asText());
        JsonNode mode = values.get("mode");
        boolean searchable = mode == null || !mode.asText().matches("[0-7]{3,4}")
                || (Integer.parseInt(mode.asText(), 8) & 0100) != 0;
        if (reading.scope() == Reading.Scope.CONTENTS && risk == Risk.WRITE && recursive && searchable
                && properties.containsKey("mode")) {
            values.put(RECURSIVE, NODES.booleanNode(true));
            return null;
        }
        return "this asks for " + (reading.scope() == Reading.Scope.PATTERN
                ? "some of the files in a folder (by a pattern or a kind)" : "what is inside a folder, not the folder")
                + ", which " + entry.name() + " cannot do in one step without touching more than asked; nothing was "
                + "planned. name each file, or ask for a plan of several steps where a language model is configured";
    }

    /**
     * why a request that names another package manager than the one the action drives ("update all pip3
     * packages" for an apt action) is not this action's, or null.
     */
    private static String otherTool(CatalogEntry entry, Words words) {
        String description = entry.action().description().toLowerCase(Locale.ROOT);
        if (!description.contains("apt")) {
            return null;
        }
        for (int i = 0; i < words.size(); i++) {
            if (Lexicon.OTHER_PACKAGE_MANAGERS.contains(words.word(i))) {
                return "this is about " + words.word(i) + ", not the apt packages " + entry.name() + " handles; nothing "
                        + "was planned";
            }
            if (PACKAGE_WORDS.contains(words.word(i + 1)) && SOURCE_WORDS.contains(words.word(i))) {
                return "this is about source packages (what a package is built from), not the packages "
                        + entry.name() + " handles; nothing was planned";
            }
            if (FILE_WORDS.contains(words.word(i)) && filesOfPackages(words, i + 1)) {
                return "this is about the files inside packages, which " + entry.name() + " does not show nor "
                        + "refresh; nothing was planned";
            }
        }
        return null;
    }

    /** true when the words from {@code at} say whose files they are: packages' ("in packages", "of a package"). */
    private static boolean filesOfPackages(Words words, int at) {
        if (!OWNER_WORDS.contains(words.word(at))) {
            return false;
        }
        for (int i = at + 1; i < Math.min(words.size(), at + 4); i++) {
            if (PACKAGE_WORDS.contains(words.word(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * why a request cannot be for {@code entry}, a change that takes no params and so always acts on the same
     * thing, or null: the request is about one thing it does not name ("update a specific package": the action
     * updates the package lists), or none of the words after its verb is in the action's name, description or
     * examples ("update symlink").
     */
    private static String notItsObject(CatalogEntry entry, Map<String, JsonNode> properties, Words words) {
        if (entry.action().risk() == Risk.READ || !properties.isEmpty()) {
            return null;
        }
        for (Map.Entry<String, Set<String>> kind : Lexicon.GENERIC_KINDS.entrySet()) {
            if (mentionsGenerically(words, kind.getKey())) {
                return "this is about one " + kind.getKey() + " it does not name, and " + entry.name()
                        + " acts on no " + kind.getKey() + " in particular: it is to " + entry.action().description();
            }
        }
        Set<String> known = vocabulary(entry);
        entry.action().examples().forEach(example -> known.addAll(List.of(example.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"))));
        String verb = Verbs.verb(wordsTokens(words));
        String foreign = null;
        for (int i = 0; i < words.size(); i++) {
            String word = words.word(i);
            if (words.taken(i) || words.token(i).value() || word.equals(verb) || Lexicon.FUNCTION_WORDS.contains(word)) {
                continue;
            }
            if (List.of(word.split("[^a-z0-9]+")).stream().anyMatch(part -> nearAny(part, known))) {
                return null;
            }
            foreign = foreign == null && !Lexicon.NOT_NAMES.contains(word) ? words.token(i).text() : foreign;
        }
        return foreign == null ? null : "this asks about " + foreign + ", which " + entry.name()
                + " does not act on: it is to " + entry.action().description();
    }

    /**
     * why a request about connections or sockets in general ("list all tcp connections", "established sockets",
     * "display all sockets") is not for an action that shows what listens, or null: a listener is not a
     * connection. for any action whose name and description speak of listening and never of connections, when
     * the request says nothing of listening, open ports or accepting.
     */
    private static String connections(CatalogEntry entry, Words words) {
        Set<String> own = vocabulary(entry);
        if (own.stream().noneMatch(word -> word.startsWith("listen")) || own.stream().anyMatch(CONNECTION_WORDS::contains)) {
            return null;
        }
        boolean connections = false;
        boolean sockets = false;
        boolean udp = false;
        for (int i = 0; i < words.size(); i++) {
            if (LISTENING_WORDS.contains(words.word(i))) {
                return null;
            }
            connections |= CONNECTION_WORDS.contains(words.word(i));
            sockets |= SOCKET_WORDS.contains(words.word(i));
            udp |= words.word(i).equals("udp");
        }
        // sockets in general are connections too ("all sockets", "ipv4 sockets"); a bound udp socket listens
        connections |= sockets && !udp;
        return connections ? "this asks about connections, and " + entry.name() + " shows only what listens for them: "
                + entry.action().description() : null;
    }

    /**
     * why a request for the address the internet sees ("show the public ip address", "external ipv4") is not for
     * an action that lists this machine's own ip addresses, or null: behind a router or a nat that address is on
     * no interface here, and only a server outside could tell it.
     */
    private static String publicAddress(CatalogEntry entry, Words words) {
        if (!vocabulary(entry).containsAll(List.of("ip", "addresses"))) {
            return null;
        }
        boolean outside = false;
        boolean address = false;
        for (int i = 0; i < words.size(); i++) {
            outside |= OUTSIDE_WORDS.contains(words.word(i));
            address |= ADDRESS_WORDS.contains(words.word(i));
        }
        return outside && address ? "this asks for the address the internet sees, which is on no interface of this "
                + "machine when it is behind a router; " + entry.name() + " shows only its own: "
                + entry.action().description() : null;
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
