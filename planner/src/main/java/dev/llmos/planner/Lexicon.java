package dev.llmos.planner;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * the planner's small general vocabulary: how people name well-known places, enum values, flags and
 * counts. keyed by param names and values shared across actions (see the parameter table in the design),
 * never by action.
 */
final class Lexicon {
    /** well-known folders of a home directory (xdg user dirs), by the words people use for them. */
    static final Map<String, String> USER_DIRS = Map.of(
            "downloads", "Downloads", "download", "Downloads",
            "documents", "Documents",
            "desktop", "Desktop",
            "pictures", "Pictures", "photos", "Pictures",
            "music", "Music",
            "videos", "Videos", "movies", "Videos");

    /** words that may follow a folder's name without changing it ("my downloads folder"). */
    static final Set<String> FOLDER_WORDS = Set.of("folder", "folders", "directory", "dir");

    /** words that name the caller's home directory. */
    static final Set<String> HOME = Set.of("home");

    /** phrases that name the caller's working directory. */
    static final List<List<String>> CWD = List.of(
            List.of("here"), List.of("cwd"), List.of("pwd"),
            List.of("this", "folder"), List.of("this", "directory"), List.of("this", "dir"),
            List.of("current", "folder"), List.of("current", "directory"), List.of("current", "dir"),
            List.of("working", "directory"));

    /** other words for enum values. */
    static final Map<String, List<List<String>>> VALUE_SYNONYMS = Map.of(
            "memory", List.of(List.of("ram"), List.of("mem"), List.of("rss")),
            "cpu", List.of(List.of("processor"), List.of("cpus")),
            "all", List.of(List.of("units")),
            "append", List.of(List.of("add", "to", "the", "end"), List.of("appending")),
            "overwrite", List.of(List.of("replace"), List.of("replacing"), List.of("overwriting")));

    /** enum values that mean "no restriction": dropped when a specific value is named too. */
    static final Set<String> UNRESTRICTED = Set.of("all", "any", "both");

    /** other words for boolean params, by param name; naming the param itself always counts. */
    static final Map<String, List<List<String>>> FLAG_SYNONYMS = Map.of(
            "hidden", List.of(List.of("dotfiles"), List.of("dotfile"), List.of("dot", "files"),
                    List.of("-a"), List.of("-la"), List.of("-al"), List.of("-lah"), List.of("-alh")),
            "recursive", List.of(List.of("recursively"), List.of("-r"), List.of("subfolders"),
                    List.of("subdirectories")),
            "parents", List.of(List.of("-p"), List.of("nested"), List.of("recursively"), List.of("intermediate"),
                    List.of("missing", "parent"), List.of("parent", "directories")),
            "kernel", List.of(List.of("dmesg"), List.of("kernel's"), List.of("ring", "buffer")),
            "names_only", List.of(List.of("name", "only"), List.of("only", "names"), List.of("only", "by", "name"),
                    List.of("only", "their", "names"), List.of("only", "in", "names")));

    /**
     * how people name a boot, by its number as journalctl counts them back from the running one; "the last
     * boot" alone is left out: it is this boot to some ("errors since the last boot") and the one before to
     * others.
     */
    static final Map<Integer, List<List<String>>> BOOT_PHRASES = Map.of(
            -1, List.of(List.of("previous", "boot"), List.of("prior", "boot"), List.of("boot", "before"),
                    List.of("before", "the", "last", "reboot"), List.of("before", "the", "reboot")),
            0, List.of(List.of("this", "boot"), List.of("current", "boot"), List.of("since", "boot"),
                    List.of("since", "booting"), List.of("since", "startup"), List.of("since", "last", "boot"),
                    List.of("since", "the", "last", "boot"), List.of("since", "reboot"),
                    List.of("since", "the", "last", "reboot"), List.of("since", "it", "booted"),
                    List.of("since", "the", "machine", "booted")));

    /** words that turn a flag off when they come just before it. */
    static final Set<String> NEGATIONS = Set.of("no", "not", "without", "exclude", "excluding", "except",
            "hide", "hiding", "skip", "don't", "dont");

    /** words that, just before a number, say which integer param it is; param name words always count. */
    static final Map<String, Set<String>> NUMBER_CUES = Map.of(
            "limit", Set.of("top", "first", "max", "maximum", "most", "biggest", "largest", "last", "latest", "recent",
                    "newest"),
            "offset", Set.of("skip", "skipping", "from", "after", "starting", "start"));

    /** the integer param that takes a number nothing else claims: counts are the common case. */
    static final String COUNT = "limit";

    static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("dozen", 12),
            Map.entry("fifteen", 15), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("hundred", 100), Map.entry("thousand", 1000));

    /** durations in milliseconds by their unit words, for a {@code *_ms} param ("500ms", "2 seconds"). */
    static final Map<String, Long> DURATION_UNITS = Map.of("ms", 1L, "msec", 1L, "millisecond", 1L, "milliseconds", 1L,
            "s", 1000L, "sec", 1000L, "secs", 1000L, "second", 1000L, "seconds", 1000L);

    /** byte size units, as a suffix or the next word. */
    static final Map<String, Long> BYTE_UNITS = Map.ofEntries(
            Map.entry("b", 1L), Map.entry("byte", 1L), Map.entry("bytes", 1L),
            Map.entry("k", 1024L), Map.entry("kb", 1024L), Map.entry("kib", 1024L), Map.entry("kilobytes", 1024L),
            Map.entry("m", 1L << 20), Map.entry("mb", 1L << 20), Map.entry("mib", 1L << 20),
            Map.entry("megabytes", 1L << 20),
            Map.entry("g", 1L << 30), Map.entry("gb", 1L << 30), Map.entry("gib", 1L << 30),
            Map.entry("gigabytes", 1L << 30));

    /** params named so take a bare name from the request ("restart nginx", "install htop"). */
    static final Set<String> NAME_PARAMS = Set.of("unit", "name");

    /**
     * params named so take the rest of the request's words as free text ("type hello world", "search
     * for a pdf viewer"), without the words that say what to do.
     */
    static final Set<String> TEXT_PARAMS = Set.of("text", "query");

    /** verbs that frame free text rather than belong to it ("copy hello to the clipboard"). */
    static final Set<String> VERBS = Set.of("copy", "paste", "put", "set", "type", "write", "enter", "send", "say",
            "press", "search", "look", "find", "add");

    /** a pair of integer params that a coordinate pair fills in order ("at 200,300", "to 100 200"). */
    static final List<String> COORDINATES = List.of("x", "y");

    /** params named so take a time phrase ("in the last hour", "since yesterday"). */
    static final Set<String> SINCE_PARAMS = Set.of("since");

    /** time units of a relative time phrase, in the words people use, as systemd.time(7) spells them. */
    static final Map<String, String> TIME_UNITS = Map.ofEntries(
            Map.entry("minute", "minutes"), Map.entry("minutes", "minutes"), Map.entry("min", "minutes"),
            Map.entry("mins", "minutes"), Map.entry("hour", "hours"), Map.entry("hours", "hours"),
            Map.entry("day", "days"), Map.entry("days", "days"), Map.entry("week", "weeks"),
            Map.entry("weeks", "weeks"));

    /**
     * other words for values of pattern-checked string params (a value counts only where the param's
     * pattern accepts it): "errors" is the journal priority err.
     */
    static final Map<String, List<List<String>>> PATTERN_VALUE_SYNONYMS = Map.of(
            "err", List.of(List.of("errors"), List.of("error"), List.of("failures")),
            "warning", List.of(List.of("warnings"), List.of("warning")),
            "crit", List.of(List.of("critical")),
            "notice", List.of(List.of("notices"), List.of("notice")),
            "emerg", List.of(List.of("emergency"), List.of("emergencies")),
            "alert", List.of(List.of("alerts")));

    /** systemd unit types; a unit named without one is a service. */
    static final Set<String> UNIT_TYPES = Set.of("service", "socket", "timer", "mount", "automount", "target",
            "path", "slice", "scope", "device", "swap");

    /**
     * things of other systems a name can qualify ("a docker container", "the nginx pod", "a git branch"): the
     * name is then not the unit, package or user the request acts on.
     */
    static final Set<String> FOREIGN_THINGS = Set.of("container", "containers", "pod", "pods", "image", "images",
            "volume", "volumes", "cluster", "clusters", "namespace", "deployment", "deployments", "registry", "repo",
            "repository", "repositories", "branch", "branches", "remote", "commit", "commits", "database", "databases",
            "table", "tables", "module", "modules", "dependency", "dependencies", "agent", "agents", "key", "keys",
            "keypair", "tunnel", "tunnels", "session", "sessions", "network", "networks");

    /** words that are never a name: function words and how people refer to things in general. */
    static final Set<String> NOT_NAMES = Set.of(
            "a", "an", "the", "this", "that", "these", "those", "my", "our", "your", "its", "it", "me", "i", "we",
            "you", "is", "are", "was", "be", "do", "does", "did", "can", "could", "would", "will", "should",
            "please", "pls", "plz", "thanks", "now", "again", "right", "just", "up", "down", "on", "off", "in",
            "of", "for", "to", "from", "with", "and", "or", "what", "whats", "what's", "which", "who", "how",
            "why", "when", "where", "some", "all", "any", "called", "named", "package", "packages", "program",
            "programs", "app", "apps", "application", "service", "services", "unit", "units", "daemon",
            "server", "tool", "software", "status", "state", "info", "show", "list", "get", "give", "tell", "display",
            "check", "see", "find", "look", "search", "need", "needs", "want", "let", "make", "last", "first",
            "latest", "recent", "line", "lines", "log", "logs", "entries", "today", "yesterday", "hour", "hours",
            "minute", "minutes", "day", "days", "week", "ago", "since", "new", "by", "at", "about", "there",
            "happen", "happened", "happening", "going", "went", "wrong", "only", "using", "repository", "repositories",
            "repo", "repos");

    /** articles, pronouns, prepositions and auxiliaries: words that say nothing of what a request is about. */
    static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "this", "that", "these", "those", "my", "our",
            "your", "its", "it", "me", "i", "we", "you", "is", "are", "was", "be", "do", "does", "did", "can", "could",
            "would", "will", "should", "please", "of", "for", "to", "from", "with", "and", "or", "in", "on", "at", "by",
            "about", "all", "any", "some", "now", "just", "again", "there", "what", "which", "how");

    /** words that never name a file or folder, even right after "file" or "folder". */
    static final Set<String> PATH_STOP_WORDS = Set.of("contents", "content", "permissions", "permission", "size",
            "sizes", "type", "types", "system", "systems", "names", "name", "manager", "descriptor", "owner", "owners",
            "extension", "timestamp", "timestamps", "mode", "modes", "properties", "information", "recursively",
            "lines", "exists", "structure", "tree", "browser", "explorer", "icon", "access", "rights", "data", "text",
            "path", "paths", "into", "onto", "using", "via", "as", "if", "than", "but", "not", "without", "so",
            "while", "until", "then", "also", "too", "either", "both", "each", "every", "only", "instead");

    /** words for the state of a unit, which a {@code state} param takes as they are. */
    static final Set<String> UNIT_STATES = Set.of("running", "failed", "active", "inactive", "enabled", "disabled",
            "exited", "masked", "static", "dead", "waiting", "listening");

    /** mouse buttons by the words people use for them, for a {@code button} param. */
    static final Map<String, Integer> BUTTONS = Map.of("left", 1, "middle", 2, "right", 3, "rightclick", 3,
            "leftclick", 1, "middleclick", 2);

    /** nouns that, right before a number, say it counts or names something else than the param being filled. */
    static final Set<String> FOREIGN_NUMBER_NOUNS = Set.of("port", "ports", "line", "lines", "level", "uid", "gid",
            "group", "tty", "version", "times", "steps", "notches", "pass", "passes", "year", "day", "days",
            "hour", "hours", "minute", "minutes", "second", "seconds", "size", "mode", "chmod", "address", "ip");

    /** words for a thing the request mentions without naming it, by the kind of param it would fill. */
    static final Map<String, Set<String>> GENERIC_KINDS = Map.of(
            "unit", Set.of("service", "services", "unit", "units", "daemon"),
            "package", Set.of("package", "packages"),
            "process", Set.of("process", "processes", "program", "pid", "job"),
            "user", Set.of("user", "users", "username", "account"),
            "window", Set.of("window", "windows"),
            "region", Set.of("region", "area", "rectangle"),
            "zone", Set.of("timezone", "zone"));

    /** words that, before a kind noun, say the thing is not named ("a service", "the given package"). */
    static final Set<String> GENERIC_DETERMINERS = Set.of("a", "an", "some", "specific", "specified", "given",
            "certain", "particular", "another", "multiple", "several", "arbitrary", "individual", "single");

    /** params counting lines from one end, and the words that name that end; the first is the tool's name. */
    static final Map<String, List<String>> LINE_WORDS = Map.of(
            "last_lines", List.of("tail", "last", "end", "bottom", "final"),
            "first_lines", List.of("head", "first", "beginning", "top", "start"));

    /** how many lines "the last lines" or "tail" means, as tail(1) and head(1) count. */
    static final int DEFAULT_LINES = 10;

    /** verbs that empty what a text param holds: "clear the clipboard" sets it to nothing. */
    static final Set<String> CLEARING = Set.of("clear", "empty", "blank", "wipe");

    /** package managers other than apt: a request about them is not for an apt action. */
    static final Set<String> OTHER_PACKAGE_MANAGERS = Set.of("pip", "pip3", "npm", "yarn", "pnpm", "gem", "cargo",
            "brew", "homebrew", "composer", "snap", "flatpak", "conda", "go", "rustup", "nix", "rpm", "yum", "dnf", "pacman",
            "aur", "yay", "zypper", "apk", "emerge");

    /** nouns that, in unquoted text to type or copy, name a thing to find rather than the text itself. */
    static final Set<String> OBJECT_NOUNS = Set.of("key", "keys", "file", "files", "contents", "content", "output",
            "url", "link", "path", "address", "password", "token", "message", "messages", "letter", "sentence",
            "email", "text", "texts", "string", "strings", "newline", "screenshot", "screenshots", "screen", "image",
            "picture", "photo", "selection", "clipboard");

    /**
     * key names as people write them, and the x keysym a {@code keys} param takes for each ("enter" is {@code Return},
     * as the desktop family's description writes it); any other lowercase word is not a key.
     */
    static final Map<String, String> KEY_NAMES = Map.ofEntries(Map.entry("enter", "Return"),
            Map.entry("return", "Return"), Map.entry("esc", "Escape"), Map.entry("escape", "Escape"),
            Map.entry("tab", "Tab"), Map.entry("space", "space"), Map.entry("spacebar", "space"),
            Map.entry("backspace", "BackSpace"), Map.entry("del", "Delete"), Map.entry("delete", "Delete"),
            Map.entry("ins", "Insert"), Map.entry("insert", "Insert"), Map.entry("home", "Home"), Map.entry("end", "End"),
            Map.entry("pgup", "Page_Up"), Map.entry("pageup", "Page_Up"), Map.entry("pgdn", "Page_Down"),
            Map.entry("pagedown", "Page_Down"), Map.entry("up", "Up"), Map.entry("down", "Down"),
            Map.entry("left", "Left"), Map.entry("right", "Right"), Map.entry("capslock", "Caps_Lock"),
            Map.entry("numlock", "Num_Lock"), Map.entry("printscreen", "Print"), Map.entry("prtsc", "Print"),
            Map.entry("menu", "Menu"), Map.entry("pause", "Pause"));

    /** words that introduce free text rather than belong to it ("packages matching pdf viewer"). */
    static final Set<String> TEXT_LEAD = Set.of("matching", "named", "called", "containing", "like", "about",
            "related", "with");

    /** words for another day than today. */
    static final Set<String> OTHER_DAYS = Set.of("tomorrow", "tomorrow's", "yesterday", "yesterday's", "ago");

    /** words after "in" that say how, not where ("in utc", "in seconds", "in human-readable form"). */
    static final Set<String> TIME_WORDS = Set.of("utc", "gmt", "format", "seconds", "rfc", "iso", "human", "local",
            "localtime", "words", "numbers", "unix", "epoch", "ms", "milliseconds", "zone", "timezone", "time",
            "order", "reverse", "full", "short", "long", "date", "dates");

    private Lexicon() {
    }
}
